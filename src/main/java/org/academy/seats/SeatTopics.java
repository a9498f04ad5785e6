package org.academy.seats;

import org.academy.base.push.Topic;

public final class SeatTopics {

    private SeatTopics() {
    }

    /** Every seat change of one organisation: what its admins' Seats screens listen to. */
    public static Topic<SeatsChanged> organisation(long organisationId) {
        return Topic.of("organisation-seats", organisationId);
    }
}
