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

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
    void committed(PollChanged event) {
        hub.publish(PollTopics.session(event.sessionId()), event);
    }
}
