-- Notification centre (issue 11, decision 0010): a transactional outbox of our own. Every row is
-- one event × recipient × channel and is inserted in the transaction of the change that causes
-- it; the unique key makes a second request for the same event a no-op.

-- In-app channel: the existing notification table, now keyed by event (older rows have no key).
alter table notification add column event_key varchar(200);
alter table notification add column urgent boolean not null default false;
create unique index notification_event_uq on notification (event_key, user_id) where event_key is not null;

-- Email channel: immediate mail (QUEUED → SENDING → SENT, or PARKED after the last failed attempt)
-- and digest items (PENDING until the person's daily digest takes them: DIGESTED).
-- SENDING rows carry a lease in next_attempt_at: a node that died while sending leaves them due again.
create table mail_delivery (
    id              bigint generated always as identity primary key,
    event_key       varchar(200)  not null,
    recipient_id    bigint        not null references app_user (id),
    channel         varchar(10)   not null check (channel in ('EMAIL', 'DIGEST')),
    type            varchar(40)   not null,
    to_address      varchar(320)  not null,
    subject         varchar(300)  not null,
    body_text       text          not null,
    body_html       text          not null,
    status          varchar(10)   not null check (status in ('QUEUED', 'SENDING', 'SENT', 'PARKED', 'PENDING', 'DIGESTED')),
    attempts        integer       not null default 0,
    next_attempt_at timestamptz   not null,
    last_error      varchar(1000),
    created_at      timestamptz   not null,
    sent_at         timestamptz,
    constraint mail_delivery_uq unique (event_key, recipient_id, channel)
);
create index mail_delivery_due_idx on mail_delivery (next_attempt_at, id) where status in ('QUEUED', 'SENDING');
create index mail_delivery_pending_idx on mail_delivery (recipient_id, id) where status = 'PENDING';
create index mail_delivery_parked_idx on mail_delivery (id) where status = 'PARKED';

-- Preferences per person × type; no row means the type's default.
create table notification_preference (
    user_id bigint      not null references app_user (id) on delete cascade,
    type    varchar(40) not null,
    in_app  boolean     not null,
    email   varchar(10) not null check (email in ('IMMEDIATE', 'DIGEST', 'OFF')),
    primary key (user_id, type)
);

-- When a person's daily digest goes out; no row means 08:00 UTC.
create table notification_settings (
    user_id        bigint      primary key references app_user (id) on delete cascade,
    time_zone      varchar(60) not null,
    digest_hour    smallint    not null check (digest_hour between 0 and 23)
);

-- The key for unsubscribe links (HMAC-SHA256): made here, once, so every node signs alike and no
-- configuration is needed. gen_random_uuid() draws from PostgreSQL's strong random source.
create table notification_secret (
    id       integer primary key check (id = 1),
    hmac_key bytea   not null
);
insert into notification_secret (id, hmac_key)
values (1, decode(replace(gen_random_uuid()::text, '-', '') || replace(gen_random_uuid()::text, '-', ''), 'hex'));

-- Reminders claimed once per session and kind (24h, 15m, now), whichever node's job gets there first.
create table session_reminder (
    session_id bigint      not null references live_session (id) on delete cascade,
    kind       varchar(10) not null,
    queued_at  timestamptz not null,
    primary key (session_id, kind)
);

-- Calendar: SEQUENCE of a session's VEVENT, bumped when it moves or is cancelled; a private feed
-- token per person (only its hash), revocable.
alter table live_session add column sequence integer not null default 0;
alter table live_session add column cancelled_at timestamptz;
create table calendar_feed (
    user_id    bigint      primary key references app_user (id) on delete cascade,
    token_hash varchar(64) not null unique,
    created_at timestamptz not null
);
