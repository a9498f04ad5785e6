package org.academy.notification;

import org.academy.base.push.Topic;

public final class NotificationTopics {

    private NotificationTopics() {
    }

    public static Topic<NotificationCreated> user(long userId) {
        return Topic.of("user-notifications", userId);
    }
}
