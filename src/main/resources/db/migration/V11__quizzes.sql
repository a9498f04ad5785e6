-- Lesson quizzes. A quiz is edited by adding a version: versions and their questions are never
-- changed once written, and every attempt names the version it was taken on, so editing a quiz
-- never rewrites a past score.

create table quiz (
    id         bigint generated always as identity primary key,
    lesson_id  bigint      not null unique references lesson (id) on delete cascade,
    created_at timestamptz not null
);

create table quiz_version (
    id                   bigint generated always as identity primary key,
    quiz_id              bigint      not null references quiz (id) on delete cascade,
    version              integer     not null check (version >= 1),
    pass_percent         integer     not null check (pass_percent between 0 and 100),
    -- null: unlimited attempts
    max_attempts         integer     check (max_attempts between 1 and 100),
    counted              varchar(4)  not null check (counted in ('BEST', 'LAST')),
    required_to_complete boolean     not null,
    created_at           timestamptz not null,
    created_by           bigint      references app_user (id),
    unique (quiz_id, version)
);

create table quiz_question (
    id          bigint generated always as identity primary key,
    version_id  bigint        not null references quiz_version (id) on delete cascade,
    position    integer       not null check (position >= 0),
    kind        varchar(8)    not null check (kind in ('SINGLE', 'MULTIPLE', 'SHORT')),
    prompt      varchar(1000) not null,
    explanation varchar(2000) not null default '',
    unique (version_id, position)
);

-- Choices of single/multiple choice questions; for short answers, the accepted answers (all correct).
create table quiz_option (
    id          bigint generated always as identity primary key,
    question_id bigint       not null references quiz_question (id) on delete cascade,
    position    integer      not null check (position >= 0),
    label       varchar(300) not null,
    correct     boolean      not null,
    unique (question_id, position)
);

create table quiz_attempt (
    id             bigint generated always as identity primary key,
    quiz_id        bigint      not null references quiz (id) on delete cascade,
    version_id     bigint      not null references quiz_version (id) on delete cascade,
    cohort_id      bigint      not null references cohort (id) on delete cascade,
    user_id        bigint      not null references app_user (id),
    number         integer     not null check (number >= 1),
    correct_count  integer     not null,
    question_count integer     not null,
    score_percent  integer     not null check (score_percent between 0 and 100),
    passed         boolean     not null,
    submitted_at   timestamptz not null,
    -- A double click or a second tab submits the same attempt number: only one row can exist.
    unique (quiz_id, cohort_id, user_id, number)
);

create index quiz_attempt_cohort_idx on quiz_attempt (cohort_id, quiz_id);

create table quiz_answer (
    attempt_id  bigint   not null references quiz_attempt (id) on delete cascade,
    question_id bigint   not null references quiz_question (id) on delete cascade,
    option_ids  bigint[] not null default '{}',
    -- plain text as typed (cleaned); shown with setText, never as HTML
    text_answer varchar(500),
    correct     boolean  not null,
    primary key (attempt_id, question_id)
);
