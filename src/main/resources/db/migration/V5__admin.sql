-- Platform administration: courses become visible to cohorts only once published, invitations
-- double as one-time password-reset links, and administrators' changes to people are audited.

alter table course add column published boolean not null default false;
-- Courses that existed before publishing did were already in use.
update course set published = true;

alter table invitation add column purpose varchar(10) not null default 'INVITE'
    check (purpose in ('INVITE', 'RESET'));
create index invitation_user_idx on invitation (user_id);

create table admin_audit (
    id              bigint generated always as identity primary key,
    actor_id        bigint       not null references app_user (id),
    action          varchar(30)  not null,
    subject_user_id bigint       references app_user (id),
    detail          varchar(500) not null default '',
    at              timestamptz  not null
);
create index admin_audit_subject_idx on admin_audit (subject_user_id, id desc);

-- Admin grids page people and organisations by name; these keep a page an index range scan.
create index app_user_name_idx on app_user (lower(display_name), id);
create index organisation_active_name_idx on organisation (lower(name), id);

-- Pools can be resized and extended, and holders of course-wide pools enrolled into a cohort: both audited.
alter table seat_audit drop constraint seat_audit_action_check;
alter table seat_audit add constraint seat_audit_action_check
    check (action in ('POOL_CREATED', 'POOL_CHANGED', 'ASSIGNED', 'REVOKED', 'SWAPPED', 'RECLAIMED', 'ENROLLED'));
