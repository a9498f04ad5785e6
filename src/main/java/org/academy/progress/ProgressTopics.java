package org.academy.progress;

import org.academy.base.push.Topic;

/** Where progress changes are pushed: one topic per cohort. */
public final class ProgressTopics {

    private ProgressTopics() {
    }

    public static Topic<ProgressEvent> cohort(long cohortId) {
        return Topic.of("cohort-progress", cohortId);
    }
}
