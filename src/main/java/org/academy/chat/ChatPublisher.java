package org.academy.chat;

import org.academy.base.push.TopicHub;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

@Component
class ChatPublisher {

    private final TopicHub hub;

    ChatPublisher(TopicHub hub) {
        this.hub = hub;
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
    void committed(ChatEvent event) {
        hub.publish(ChatTopics.room(event.roomId()), event);
    }
}
