package org.academy.notification;

/**
 * Published by a feature, inside its own transaction, when something it stored should notify a
 * person (a mention is stored with its message). The feature has checked who the recipient is;
 * the notification is stored in the same transaction, so it exists exactly when the thing it
 * points to does. An event rather than a public method: nothing outside the server's own code
 * paths can ask for a notification to anyone with any text.
 */
public record NotificationRequested(long userId, String kind, String text, String link) {
}
