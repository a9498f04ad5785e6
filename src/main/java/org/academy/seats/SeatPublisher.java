package org.academy.seats;

import org.academy.base.push.TopicHub;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Hands committed seat changes to the hub, after commit only: a rolled-back assignment (the last
 * seat taken by someone else a moment earlier) must never show on another admin's screen. A bulk
 * upload publishes one event per pool and batch; the hub coalesces them into one update per screen.
 */
@Component
class SeatPublisher {

    private final TopicHub hub;

    SeatPublisher(TopicHub hub) {
        this.hub = hub;
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
    void committed(SeatsChanged event) {
        hub.publish(SeatTopics.organisation(event.organisationId()), event);
    }
}
