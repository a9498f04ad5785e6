package org.academy.presence;

import java.time.Instant;

/** A cohort member as the presence list shows them: online now, or when last seen (null: never). */
public record MemberPresence(long userId, String displayName, boolean staff, boolean online, Instant lastSeenAt) {
}
