package org.academy.seats;

import java.time.Instant;

/**
 * Someone holding a seat of a pool.
 *
 * @param neverLoggedIn they have not logged in since getting the seat (a likely no-show)
 */
public record SeatHolder(long assignmentId, long poolId, long userId, String displayName, String email,
                         Instant assignedAt, boolean neverLoggedIn, boolean invited) {
}
