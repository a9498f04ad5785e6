-- Cohort chat (one room per cohort, one per live session), read markers, mutes, mentions,
-- in-app notifications, and "last seen" per cohort member (written when someone leaves, not per heartbeat).

create table chat_room (
    id         bigint generated always as identity primary key,
    cohort_id  bigint      not null references cohort (id) on delete cascade,
    session_id bigint      references live_session (id) on delete cascade,
    created_at timestamptz not null default now()
);
create unique index chat_room_cohort_uq on chat_room (cohort_id) where session_id is null;
create unique index chat_room_session_uq on chat_room (session_id) where session_id is not null;

create table chat_message (
    id         bigint generated always as identity primary key,
    room_id    bigint        not null references chat_room (id) on delete cascade,
    author_id  bigint        not null references app_user (id),
    text       varchar(2000) not null,
    created_at timestamptz   not null default now(),
    edited_at  timestamptz,
    deleted_at timestamptz,
    deleted_by bigint        references app_user (id)
);
-- History pages go backwards from the newest: (room, id desc) serves "latest" and "older than".
create index chat_message_room_idx on chat_message (room_id, id desc);

create table chat_read (
    room_id              bigint not null references chat_room (id) on delete cascade,
    user_id              bigint not null references app_user (id),
    last_read_message_id bigint not null,
    primary key (room_id, user_id)
);

create table chat_mute (
    cohort_id  bigint      not null references cohort (id) on delete cascade,
    user_id    bigint      not null references app_user (id),
    until      timestamptz not null,
    muted_by   bigint      not null references app_user (id),
    primary key (cohort_id, user_id)
);

create table chat_mention (
    message_id bigint not null references chat_message (id) on delete cascade,
    user_id    bigint not null references app_user (id),
    primary key (message_id, user_id)
);

create table notification (
    id         bigint generated always as identity primary key,
    user_id    bigint        not null references app_user (id),
    kind       varchar(30)   not null,
    text       varchar(500)  not null,
    link       varchar(300),
    created_at timestamptz   not null default now(),
    read_at    timestamptz
);
create index notification_user_idx on notification (user_id, id desc);

create table cohort_presence (
    cohort_id    bigint      not null references cohort (id) on delete cascade,
    user_id      bigint      not null references app_user (id),
    last_seen_at timestamptz not null,
    primary key (cohort_id, user_id)
);
