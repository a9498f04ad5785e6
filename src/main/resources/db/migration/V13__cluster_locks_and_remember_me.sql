-- Scheduled work runs once per cluster: the node that takes a job's row runs it (ShedLock's table).
create table shedlock (
    name       varchar(64)  primary key,
    lock_until timestamptz  not null,
    locked_at  timestamptz  not null,
    locked_by  varchar(255) not null
);

-- Remember-me tokens (Spring Security's persistent token scheme): a browser whose server restarted,
-- or whose node died, is logged back in by the database, on any node. The series identifies the
-- browser; the token changes on every use, so a stolen cookie that is used is noticed by the owner's
-- next visit (the series is then removed). Rows are removed at logout and when an account's
-- sessions are ended (deactivation, new roles, password reset).
create table persistent_logins (
    series    varchar(64) primary key,
    username  varchar(320) not null,
    token     varchar(64) not null,
    last_used timestamp   not null
);
create index persistent_logins_username on persistent_logins (username);
