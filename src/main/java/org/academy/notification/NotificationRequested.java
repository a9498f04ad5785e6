package org.academy.notification;

import java.util.UUID;

/**
 * Published by a feature, inside its own transaction, when something it stored should notify a
 * person (a mention is stored with its message). The feature has checked who the recipient is;
 * the in-app notification and the outgoing mail are stored in the same transaction (a
 * transactional outbox, decision 0010), so they exist exactly when the thing they point to does,
 * and the notice's key makes the same event requested twice one notification. An event rather than
 * a public method: nothing outside the server's own code paths can ask for a notification to anyone
 * with any text.
 */
public record NotificationRequested(long userId, Notice notice) {

    /** A notification of no particular kind: in-app by default, delivered once per request. */
    public NotificationRequested(long userId, String kind, String text, String link) {
        this(userId, new OtherNotice(kind + ":" + UUID.randomUUID(), text, link));
    }
}
