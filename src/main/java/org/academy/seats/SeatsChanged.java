package org.academy.seats;

/** Something changed about an organisation's seats (an audited action: assigned, revoked, pool changed, …). */
public record SeatsChanged(long organisationId, Long poolId, String action) {
}
