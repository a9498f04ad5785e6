-- How long each person stayed in a live session. A stay opens when their first view of the
-- session opens and closes when their last view goes (tab closed, browser gone) or the session
-- ends while they are there; closed stays add up in present_seconds, counted only while the
-- session was live. last_seen_at becomes the time they left.
alter table session_attendance
    add column present_seconds bigint      not null default 0 check (present_seconds >= 0),
    add column present_since   timestamptz;
