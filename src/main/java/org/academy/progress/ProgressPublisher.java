package org.academy.progress;

import org.academy.base.push.TopicHub;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Hands committed progress events to the hub. After commit, never before: a view that reloads on
 * the push must find the change in the database, and a rolled-back change must never be shown.
 */
@Component
class ProgressPublisher {

    private final TopicHub hub;

    ProgressPublisher(TopicHub hub) {
        this.hub = hub;
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
    void committed(ProgressEvent event) {
        hub.publish(ProgressTopics.cohort(event.cohortId()), event);
    }
}
