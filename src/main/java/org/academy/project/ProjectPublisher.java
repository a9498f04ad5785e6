package org.academy.project;

import org.academy.base.push.TopicHub;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/** Hands committed project changes to the hub; never before commit, so a view that reloads finds them. */
@Component
class ProjectPublisher {

    private final TopicHub hub;

    ProjectPublisher(TopicHub hub) {
        this.hub = hub;
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
    void committed(ProjectChanged event) {
        hub.publish(ProjectTopics.cohort(event.cohortId()), event);
        hub.publish(ProjectTopics.learner(event.learnerId(), event.lessonId()), event);
    }
}
