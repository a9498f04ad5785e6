-- When a person first had a password. An empty password hash alone cannot tell a never-activated
-- invitee from someone whose password an administrator reset; only the former may be sent a new
-- invitation (by an org admin), so the difference has to be recorded.
alter table app_user add column activated_at timestamptz;

-- Accounts that have (or had) a password, that have logged in, or that were ever sent a reset
-- link were activated; the rest are invitations nobody has accepted yet.
update app_user u set activated_at = coalesce(u.last_login_at, u.created_at)
where u.password_hash is not null
   or u.last_login_at is not null
   or exists (select 1 from invitation i where i.user_id = u.id and i.purpose = 'RESET');

-- Failed logins, for administrators: who was tried, from where, and why it failed. Attempts refused
-- by throttling are not written (an attacker would otherwise fill this table at will).
create table login_failure (
    id      bigint generated always as identity primary key,
    at      timestamptz  not null,
    email   varchar(320) not null,
    user_id bigint       references app_user (id),
    address varchar(64),
    reason  varchar(40)  not null
);
create index login_failure_user_idx on login_failure (user_id, id desc);
create index login_failure_at_idx on login_failure (at);
