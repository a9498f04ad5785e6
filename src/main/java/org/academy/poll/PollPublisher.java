package org.academy.poll;

import org.academy.base.push.TopicHub;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

@Component
class PollPublisher {

    private final TopicHub hub;

    PollPublisher(TopicHub hub) {
        this.hub = hub;
    }

    /**
     * The snapshot is dropped by the hub itself ({@link PollSnapshots} is a hook on this topic),
     * before any view hears of the change, here and on every other node.
     */
    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
    void committed(PollChanged event) {
        hub.publish(PollTopics.session(event.sessionId()), event);
    }
}
