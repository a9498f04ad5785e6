package org.academy.quiz;

import org.academy.base.push.TopicHub;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/** Hands committed submissions to the hub: a dashboard reloading on the push must find the attempt. */
@Component
class QuizPublisher {

    private final TopicHub hub;

    QuizPublisher(TopicHub hub) {
        this.hub = hub;
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
    void committed(QuizSubmitted event) {
        hub.publish(QuizTopics.cohort(event.cohortId()), event);
    }
}
