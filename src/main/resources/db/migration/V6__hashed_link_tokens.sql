-- Invitation and reset links are stored as a one-way hash of their token, so that reading the
-- table (a backup, a support query) does not hand out working links. The stored value is the
-- first 16 bytes of SHA-256 over the token's 16 bytes, kept in the same uuid column; the
-- application computes the same for a presented token. Links already sent keep working.
update invitation set token = encode(substring(sha256(uuid_send(token)) from 1 for 16), 'hex')::uuid;
