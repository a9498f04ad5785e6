-- Integration API (issue 14): personal and organisation access tokens, and the journal of stream
-- events that lets an SSE client resume with Last-Event-ID.

-- Only the SHA-256 of a token is kept; the token itself is shown once, when it is created. An
-- organisation token (organisation_id set) reads that organisation's reports and nothing else.
create table api_token (
    id              bigint generated always as identity primary key,
    owner_id        bigint       not null references app_user (id) on delete cascade,
    organisation_id bigint       references organisation (id) on delete cascade,
    name            varchar(100) not null,
    scope           varchar(20)  not null check (scope in ('READ')),
    token_hash      char(64)     not null,
    prefix          varchar(16)  not null,
    created_at      timestamptz  not null,
    last_used_at    timestamptz,
    revoked_at      timestamptz
);
create unique index api_token_hash_uq on api_token (token_hash);
create index api_token_owner_idx on api_token (owner_id);

-- One counter row per stream ("cohort-progress:42"). Taking the next number locks the row until
-- the change commits, so numbers of one stream commit in order: a reader that has seen number n
-- has seen every number below it (bigserial ids commit out of order and would leave gaps).
create table stream_counter (
    stream varchar(80) primary key,
    seq    bigint      not null
);

create table stream_event (
    stream     varchar(80) not null,
    seq        bigint      not null,
    type       varchar(40) not null,
    payload    text        not null,
    created_at timestamptz not null,
    primary key (stream, seq)
);
create index stream_event_created_idx on stream_event (created_at);
