package org.academy.seats;

import java.time.Instant;

public record SeatAuditEntry(long id, Long poolId, String actorName, String action, String subjectEmail, String detail,
                             Instant at) {
}
