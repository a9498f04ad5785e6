package org.academy.presence;

import org.academy.base.push.Topic;

public final class PresenceTopics {

    static final String KIND = "cohort-presence";

    private PresenceTopics() {
    }

    public static Topic<PresenceChanged> cohort(long cohortId) {
        return Topic.of(KIND, cohortId);
    }
}
