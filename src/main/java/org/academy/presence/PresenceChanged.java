package org.academy.presence;

/** Someone came online in a cohort or went away. */
public record PresenceChanged(long cohortId, long userId, boolean online) {
}
