package org.academy.identity;

import java.time.Instant;

/** One change an administrator made to a person: deactivation, roles, a reset. */
public record AdminAuditEntry(Instant at, String actorName, String action, String detail) {
}
