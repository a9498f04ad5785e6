package org.academy.notification;

import java.time.Instant;

/** Whether mail is being sent, and how much waits. */
public record MailStatus(boolean sending, long queued, long parked, long sentToday, Instant oldestQueued,
                         Instant lastSent, String lastError) {
}
