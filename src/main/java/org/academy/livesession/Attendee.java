package org.academy.livesession;

import java.time.Instant;

/** Someone who joined a session, for its summary. */
public record Attendee(long userId, String displayName, Instant firstJoinedAt, Instant lastSeenAt) {
}
