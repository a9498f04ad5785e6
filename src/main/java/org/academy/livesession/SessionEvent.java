package org.academy.livesession;

/** Something about a session changed: scheduled, started, ended, settings, presence. */
public record SessionEvent(long sessionId, long cohortId, Kind kind) {
    public enum Kind { SCHEDULED, STARTED, ENDED, SETTINGS, PRESENCE, ANNOUNCEMENT, REACTION }
}
