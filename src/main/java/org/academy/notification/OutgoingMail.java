package org.academy.notification;

import java.time.Instant;

/** A mail on the admin's "Outgoing mail" page: queued, being sent, or parked with its last error. */
public record OutgoingMail(long id, String type, String toAddress, String subject, String status, int attempts,
                           Instant nextAttemptAt, String lastError, Instant createdAt) {
}
