package org.academy.project;

import org.academy.base.push.Topic;

/** Where project changes are pushed: the cohort's review queue, and one learner's project of one lesson. */
public final class ProjectTopics {

    private ProjectTopics() {
    }

    public static Topic<ProjectChanged> cohort(long cohortId) {
        return Topic.of("cohort-projects", cohortId);
    }

    public static Topic<ProjectChanged> learner(long userId, long lessonId) {
        return Topic.of("learner-project", userId + ":" + lessonId);
    }
}
