-- The key for device cookies (decision 0016): a browser that logged in to an account gets a cookie
-- naming the account's id and a random nonce, signed with HMAC-SHA256 under this key. Made here,
-- once, like the unsubscribe-link key (V14), so every node signs alike and nothing is configured;
-- a key of its own, so that neither kind of token can be passed off as the other.
create table login_device_secret (
    id       integer primary key check (id = 1),
    hmac_key bytea   not null
);
insert into login_device_secret (id, hmac_key)
values (1, decode(replace(gen_random_uuid()::text, '-', '') || replace(gen_random_uuid()::text, '-', ''), 'hex'));
