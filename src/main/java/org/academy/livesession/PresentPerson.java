package org.academy.livesession;

/** Someone in a live session right now. */
public record PresentPerson(long userId, String displayName, boolean staff) {
}
