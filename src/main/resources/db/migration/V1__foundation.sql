-- Foundation schema: organisations, people and roles, courses and lessons,
-- cohorts with their instructors and enrolments, lesson completions and learner activity.
-- Flyway creates the schema named in spring.flyway.schemas; everything lives there.

create table organisation (
    id          bigint generated always as identity primary key,
    name        varchar(200) not null,
    active      boolean      not null default true,
    created_at  timestamptz  not null default now()
);
create unique index organisation_name_uq on organisation (lower(name));

create table app_user (
    id              bigint generated always as identity primary key,
    organisation_id bigint       references organisation (id),
    email           varchar(320) not null,
    display_name    varchar(200) not null,
    password_hash   varchar(200),
    active          boolean      not null default true,
    created_at      timestamptz  not null default now(),
    last_login_at   timestamptz
);
-- Logins are case-insensitive, so uniqueness must be too.
create unique index app_user_email_uq on app_user (lower(email));
create index app_user_organisation_idx on app_user (organisation_id);

create table user_role (
    user_id bigint      not null references app_user (id) on delete cascade,
    role    varchar(20) not null check (role in ('STUDENT', 'INSTRUCTOR', 'ADMIN', 'ORG_ADMIN')),
    primary key (user_id, role)
);

create table course (
    id          bigint generated always as identity primary key,
    title       varchar(200) not null,
    summary     text         not null default '',
    created_at  timestamptz  not null default now()
);

create table lesson (
    id               bigint generated always as identity primary key,
    course_id        bigint       not null references course (id) on delete cascade,
    position         integer      not null check (position >= 0),
    title            varchar(200) not null,
    duration_minutes integer      not null default 0 check (duration_minutes >= 0),
    content_md       text         not null,
    -- Deferred so that reordering can swap positions inside one transaction.
    constraint lesson_position_uq unique (course_id, position) deferrable initially deferred
);

create table cohort (
    id         bigint generated always as identity primary key,
    course_id  bigint       not null references course (id),
    name       varchar(200) not null,
    starts_on  date         not null,
    ends_on    date         not null,
    created_at timestamptz  not null default now(),
    constraint cohort_dates_ck check (ends_on >= starts_on)
);
create index cohort_course_idx on cohort (course_id);

create table cohort_instructor (
    cohort_id bigint not null references cohort (id) on delete cascade,
    user_id   bigint not null references app_user (id),
    primary key (cohort_id, user_id)
);
create index cohort_instructor_user_idx on cohort_instructor (user_id);

create table enrolment (
    id          bigint generated always as identity primary key,
    cohort_id   bigint      not null references cohort (id) on delete cascade,
    user_id     bigint      not null references app_user (id),
    enrolled_at timestamptz not null default now(),
    constraint enrolment_uq unique (cohort_id, user_id)
);
create index enrolment_user_idx on enrolment (user_id);

-- Completion belongs to the person and the lesson, not to the cohort, so moving a learner
-- between cohorts of the same course carries their progress. The unique key makes
-- "complete twice" a no-op at the database, whatever the UI does.
create table lesson_completion (
    id           bigint generated always as identity primary key,
    user_id      bigint      not null references app_user (id),
    lesson_id    bigint      not null references lesson (id) on delete cascade,
    completed_at timestamptz not null default now(),
    constraint lesson_completion_uq unique (user_id, lesson_id)
);
create index lesson_completion_lesson_idx on lesson_completion (lesson_id);

-- Last activity per learner and cohort: one row, overwritten, so activity never grows a table.
create table learner_activity (
    cohort_id        bigint      not null references cohort (id) on delete cascade,
    user_id          bigint      not null references app_user (id),
    last_activity_at timestamptz not null,
    primary key (cohort_id, user_id)
);
