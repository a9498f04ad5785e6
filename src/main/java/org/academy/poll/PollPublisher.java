package org.academy.poll;

import org.academy.base.push.TopicHub;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

@Component
class PollPublisher {

    private final TopicHub hub;
    private final PollSnapshots snapshots;

    PollPublisher(TopicHub hub, PollSnapshots snapshots) {
        this.hub = hub;
        this.snapshots = snapshots;
    }

    /** Invalidate first, then push: a view reloading on the push must not get the old snapshot. */
    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
    void committed(PollChanged event) {
        snapshots.invalidate(event.sessionId());
        hub.publish(PollTopics.session(event.sessionId()), event);
    }
}
