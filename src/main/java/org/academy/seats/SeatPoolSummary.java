package org.academy.seats;

import java.time.LocalDate;

/**
 * A pool as its organisation's admin sees it.
 *
 * @param expiring the validity ends within {@link SeatService#EXPIRING_WITHIN_DAYS} days
 */
public record SeatPoolSummary(long id, long organisationId, long courseId, Long cohortId, int bought, int assigned,
                              LocalDate validFrom, LocalDate validUntil, boolean expiring) {

    public int free() {
        return Math.max(0, bought - assigned);
    }
}
