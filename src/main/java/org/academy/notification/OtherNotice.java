package org.academy.notification;

/** A notification of a feature that has no kind of its own yet (in-app only by default). */
public record OtherNotice(String key, String text, String link) implements Notice {

    @Override
    public NotificationType type() {
        return NotificationType.OTHER;
    }
}
