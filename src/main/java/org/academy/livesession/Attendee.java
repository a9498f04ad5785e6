package org.academy.livesession;

import java.time.Instant;

/**
 * Someone who joined a session, for its summary.
 *
 * @param lastSeenAt     when they left (their last view closed, or the session ended while they were there);
 *                       while they are still there, when they last opened a view
 * @param present        whether they are there now
 * @param minutesPresent minutes they were there while the session was live, rounded
 */
public record Attendee(long userId, String displayName, Instant firstJoinedAt, Instant lastSeenAt, boolean present,
                       long minutesPresent) {
}
