package org.academy.poll;

import org.academy.base.push.Topic;

public final class PollTopics {

    private PollTopics() {
    }

    public static Topic<PollChanged> session(long sessionId) {
        return Topic.of("session-polls", sessionId);
    }
}
