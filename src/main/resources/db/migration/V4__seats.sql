-- B2B seats: pools of seats an organisation bought for a course (optionally one cohort), who holds
-- them, invitations for people who have no password yet, and an audit trail of every change.

create table seat_pool (
    id              bigint generated always as identity primary key,
    organisation_id bigint      not null references organisation (id),
    course_id       bigint      not null references course (id),
    cohort_id       bigint      references cohort (id),
    seats           integer     not null check (seats > 0),
    valid_from      date        not null,
    valid_until     date        not null,
    created_at      timestamptz not null default now(),
    constraint seat_pool_validity_ck check (valid_until >= valid_from)
);
create index seat_pool_organisation_idx on seat_pool (organisation_id);

create table seat_assignment (
    id          bigint generated always as identity primary key,
    pool_id     bigint      not null references seat_pool (id),
    user_id     bigint      not null references app_user (id),
    assigned_at timestamptz not null,
    assigned_by bigint      not null references app_user (id),
    revoked_at  timestamptz,
    revoked_by  bigint      references app_user (id)
);
-- A person holds at most one live seat of a pool; revoked ones stay as history.
create unique index seat_assignment_active_uq on seat_assignment (pool_id, user_id) where revoked_at is null;
create index seat_assignment_pool_idx on seat_assignment (pool_id) where revoked_at is null;

create table invitation (
    token      uuid        primary key,
    user_id    bigint      not null references app_user (id),
    created_at timestamptz not null,
    expires_at timestamptz not null,
    used_at    timestamptz
);

create table seat_audit (
    id              bigint generated always as identity primary key,
    organisation_id bigint        not null references organisation (id),
    pool_id         bigint        references seat_pool (id),
    actor_id        bigint        not null references app_user (id),
    action          varchar(20)   not null check (action in ('POOL_CREATED', 'ASSIGNED', 'REVOKED', 'SWAPPED', 'RECLAIMED')),
    subject_user_id bigint        references app_user (id),
    detail          varchar(500)  not null default '',
    at              timestamptz   not null
);
create index seat_audit_organisation_idx on seat_audit (organisation_id, id desc);
