package org.academy.livesession;

import java.time.Instant;

/** A message from an instructor to the whole cohort. Stored; shown in sessions and on dashboards. */
public record Announcement(long id, long cohortId, Long sessionId, String authorName, String text, Instant createdAt) {
}
