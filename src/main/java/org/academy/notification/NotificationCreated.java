package org.academy.notification;

/** A notification for a person was stored; their open screens may show it. */
public record NotificationCreated(long userId, long notificationId, String text, String link) {
}
