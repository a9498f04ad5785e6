package org.academy.chat;

import org.academy.base.push.Topic;

public final class ChatTopics {

    private ChatTopics() {
    }

    public static Topic<ChatEvent> room(long roomId) {
        return Topic.of("chat-room", roomId);
    }
}
