-- Live sessions of a cohort, with polls, Q&A, announcements, reactions and attendance.

create table live_session (
    id           bigint generated always as identity primary key,
    cohort_id    bigint       not null references cohort (id) on delete cascade,
    title        varchar(200) not null,
    starts_at    timestamptz  not null,
    ends_at      timestamptz  not null,
    status       varchar(10)  not null default 'SCHEDULED' check (status in ('SCHEDULED', 'LIVE', 'ENDED')),
    qa_moderated boolean      not null default false,
    started_at   timestamptz,
    ended_at     timestamptz,
    created_by   bigint       not null references app_user (id),
    created_at   timestamptz  not null default now(),
    constraint live_session_times_ck check (ends_at > starts_at)
);
create index live_session_cohort_idx on live_session (cohort_id, starts_at);

-- Who joined, for the end-of-session summary; presence itself is kept in memory.
create table session_attendance (
    session_id      bigint      not null references live_session (id) on delete cascade,
    user_id         bigint      not null references app_user (id),
    first_joined_at timestamptz not null,
    last_seen_at    timestamptz not null,
    primary key (session_id, user_id)
);

create table poll (
    id              bigint generated always as identity primary key,
    session_id      bigint       not null references live_session (id) on delete cascade,
    question        varchar(300) not null,
    multiple_choice boolean      not null default false,
    status          varchar(10)  not null default 'DRAFT' check (status in ('DRAFT', 'OPEN', 'CLOSED')),
    results_visible boolean      not null default false,
    -- A re-run starts a fresh round of votes; earlier rounds' ballots are kept.
    run             integer      not null default 1 check (run >= 1),
    created_at      timestamptz  not null default now()
);
create index poll_session_idx on poll (session_id);

create table poll_option (
    id       bigint generated always as identity primary key,
    poll_id  bigint       not null references poll (id) on delete cascade,
    position integer      not null,
    label    varchar(200) not null,
    correct  boolean      not null default false,
    constraint poll_option_position_uq unique (poll_id, position)
);

-- One ballot per person, poll and run: the key makes double clicks, two tabs and two nodes
-- count once, and a changed vote replaces the ballot.
create table poll_ballot (
    poll_id    bigint      not null references poll (id) on delete cascade,
    run        integer     not null,
    user_id    bigint      not null references app_user (id),
    option_ids bigint[]    not null check (cardinality(option_ids) >= 1),
    cast_at    timestamptz not null default now(),
    primary key (poll_id, run, user_id)
);

create table question (
    id          bigint generated always as identity primary key,
    session_id  bigint        not null references live_session (id) on delete cascade,
    author_id   bigint        not null references app_user (id),
    text        varchar(500)  not null,
    anonymous   boolean       not null default false,
    status      varchar(10)   not null default 'VISIBLE' check (status in ('PENDING', 'VISIBLE', 'HIDDEN')),
    pinned      boolean       not null default false,
    answered    boolean       not null default false,
    answer_text varchar(2000),
    created_at  timestamptz   not null default now()
);
create index question_session_idx on question (session_id);

create table question_upvote (
    question_id bigint      not null references question (id) on delete cascade,
    user_id     bigint      not null references app_user (id),
    created_at  timestamptz not null default now(),
    primary key (question_id, user_id)
);

create table announcement (
    id         bigint generated always as identity primary key,
    cohort_id  bigint        not null references cohort (id) on delete cascade,
    session_id bigint        references live_session (id) on delete set null,
    author_id  bigint        not null references app_user (id),
    text       varchar(1000) not null,
    created_at timestamptz   not null default now()
);
create index announcement_cohort_idx on announcement (cohort_id, created_at desc);

create table reaction (
    id         bigint generated always as identity primary key,
    session_id bigint      not null references live_session (id) on delete cascade,
    user_id    bigint      not null references app_user (id),
    kind       varchar(20) not null check (kind in ('THUMBS_UP', 'APPLAUSE', 'QUESTION', 'TOO_FAST', 'TOO_SLOW')),
    created_at timestamptz not null default now()
);
create index reaction_session_time_idx on reaction (session_id, created_at);
