package org.academy.notification;

/** A person who already has an account was given a seat in a course (new accounts get an invitation instead). */
public record SeatAssignedNotice(long assignmentId, String courseTitle) implements Notice {

    @Override
    public NotificationType type() {
        return NotificationType.SEAT_ASSIGNED;
    }

    @Override
    public String key() {
        return "seat:" + assignmentId;
    }

    @Override
    public String text() {
        return "You have a seat in “" + courseTitle + "”";
    }

    @Override
    public String link() {
        return "learn";
    }
}
