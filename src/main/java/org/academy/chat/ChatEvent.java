package org.academy.chat;

/** Something changed in a room: a message posted, edited or deleted, someone muted. */
public record ChatEvent(long roomId, long cohortId, Kind kind, long messageId, long actorId) {
    public enum Kind { POSTED, EDITED, DELETED, MUTED }
}
