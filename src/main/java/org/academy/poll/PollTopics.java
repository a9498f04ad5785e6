package org.academy.poll;

import org.academy.base.push.Topic;

public final class PollTopics {

    static final String KIND = "session-polls";

    private PollTopics() {
    }

    public static Topic<PollChanged> session(long sessionId) {
        return Topic.of(KIND, sessionId);
    }
}
