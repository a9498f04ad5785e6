package org.academy.api;

/** Journal stream names: the same names as the hub topics the views listen to. */
final class StreamKeys {

    private StreamKeys() {
    }

    static String cohortProgress(long cohortId) {
        return org.academy.progress.ProgressTopics.cohort(cohortId).name();
    }

    static String notifications(long userId) {
        return org.academy.notification.NotificationTopics.user(userId).name();
    }

    /** Polls and Q&A of one session, in one stream (one Last-Event-ID for both). */
    static String session(long sessionId) {
        return "session-live:" + sessionId;
    }
}
