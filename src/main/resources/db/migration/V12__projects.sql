-- Projects (issue 12): a brief per lesson, a learner's submission per cohort and lesson, and every
-- version they handed in. Feedback belongs to the version it was written for, so "needs another
-- pass" and the next version's review are both kept.

create table project_brief (
    lesson_id  bigint      primary key references lesson (id) on delete cascade,
    brief_md   text        not null,
    updated_at timestamptz not null
);

-- One row per learner, cohort and lesson: the row a submit locks (select … for update), so two
-- tabs submitting at once are serialised and number their versions one after the other.
create table project_submission (
    id             bigint generated always as identity primary key,
    cohort_id      bigint      not null references cohort (id) on delete cascade,
    lesson_id      bigint      not null references lesson (id) on delete cascade,
    user_id        bigint      not null references app_user (id),
    status         varchar(20) not null check (status in ('WAITING', 'NEEDS_ANOTHER_PASS', 'REVIEWED')),
    latest_version integer     not null default 0,
    waiting_since  timestamptz not null,
    reviewed_at    timestamptz,
    constraint project_submission_uq unique (cohort_id, lesson_id, user_id)
);
create index project_submission_queue_idx on project_submission (cohort_id, status, waiting_since);
create index project_submission_user_idx on project_submission (user_id);

create table project_version (
    submission_id      bigint       not null references project_submission (id) on delete cascade,
    version            integer      not null check (version >= 1),
    answer_md          text         not null,
    links              text         not null default '',
    submitted_at       timestamptz  not null,
    feedback_md        text,
    grade              varchar(40),
    needs_another_pass boolean      not null default false,
    reviewed_by        bigint       references app_user (id),
    reviewed_at        timestamptz,
    primary key (submission_id, version)
);
