package org.academy.qa;

import org.academy.base.push.Topic;

public final class QaTopics {

    private QaTopics() {
    }

    public static Topic<QuestionChanged> session(long sessionId) {
        return Topic.of("session-qa", sessionId);
    }
}
