package org.academy.livesession;

import org.academy.base.push.TopicHub;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/** Committed session changes to the hub: the session's own topic and its cohort's. */
@Component
class SessionPublisher {

    private final TopicHub hub;

    SessionPublisher(TopicHub hub) {
        this.hub = hub;
    }

    /** Membership entries of a session whose status changed go by the hub ({@link SessionContextCache} is a hook). */
    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
    void committed(SessionEvent event) {
        hub.publish(SessionTopics.session(event.sessionId()), event);
        // Reactions and arrivals matter only inside the session; cohort pages would reload for nothing.
        if (event.kind() != SessionEvent.Kind.REACTION && event.kind() != SessionEvent.Kind.PRESENCE) {
            hub.publish(SessionTopics.cohort(event.cohortId()), event);
        }
    }
}
