package org.academy.notification;

import java.time.Duration;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * How long the notification centre keeps what it no longer needs (README and docs/deployment.md,
 * "Mail"). A bean of its own rather than fields of {@link NotificationRetention}: that one is proxied
 * for its scheduler lock, and a proxy's fields are empty.
 */
@Component
class RetentionSettings {

    private static final Duration SHORTEST = Duration.ofDays(1);

    final Duration keepSent;
    final Duration keepParked;
    final Duration keepRead;
    final int batchSize;

    RetentionSettings(@Value("${academy.mail.retention.sent:30d}") Duration keepSent,
                      @Value("${academy.mail.retention.parked:90d}") Duration keepParked,
                      @Value("${academy.notifications.retention.read:180d}") Duration keepRead,
                      @Value("${academy.retention.batch-size:1000}") int batchSize) {
        this.keepSent = atLeastADay("academy.mail.retention.sent", keepSent);
        this.keepParked = atLeastADay("academy.mail.retention.parked", keepParked);
        this.keepRead = atLeastADay("academy.notifications.retention.read", keepRead);
        if (batchSize < 1) {
            throw new IllegalArgumentException("academy.retention.batch-size must be at least 1, not " + batchSize + ".");
        }
        this.batchSize = batchSize;
    }

    // A day at least: the Outgoing mail page counts the mail sent in the last 24 hours from these rows.
    private static Duration atLeastADay(String name, Duration age) {
        if (age == null || age.compareTo(SHORTEST) < 0) {
            throw new IllegalArgumentException(name + " must be at least one day (for example 30d), not " + age + ".");
        }
        return age;
    }
}
