package org.academy.notification;

import java.time.Instant;

/** An in-app notification for one person. */
public record NotificationView(long id, String kind, String text, String link, Instant createdAt, boolean read) {
}
