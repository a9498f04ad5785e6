package org.academy.chat;

/** A room: the cohort's own, or a live session's (then sessionId is set). */
public record ChatRoom(long id, long cohortId, Long sessionId, String name, boolean staff) {
}
