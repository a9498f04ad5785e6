package org.academy.notification;

/** A notification for a person was stored (or read); their open screens may show it. Urgent ones also toast. */
public record NotificationCreated(long userId, long notificationId, String text, String link, boolean urgent) {

    public NotificationCreated(long userId, long notificationId, String text, String link) {
        this(userId, notificationId, text, link, false);
    }
}
