package org.academy.notification;

import java.time.Duration;
import java.time.Instant;

/**
 * Whether mail is being sent, and how much waits; and how long sent and parked mail are kept
 * before retention deletes them.
 */
public record MailStatus(boolean sending, long queued, long parked, long sentToday, Instant oldestQueued,
                         Instant lastSent, String lastError, Duration keepSent, Duration keepParked) {
}
