package org.academy.presence;

import org.academy.base.push.Topic;

public final class PresenceTopics {

    private PresenceTopics() {
    }

    public static Topic<PresenceChanged> cohort(long cohortId) {
        return Topic.of("cohort-presence", cohortId);
    }
}
