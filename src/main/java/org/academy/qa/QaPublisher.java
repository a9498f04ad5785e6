package org.academy.qa;

import org.academy.base.push.TopicHub;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

@Component
class QaPublisher {

    private final TopicHub hub;

    QaPublisher(TopicHub hub) {
        this.hub = hub;
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
    void committed(QuestionChanged event) {
        hub.publish(QaTopics.session(event.sessionId()), event);
    }
}
