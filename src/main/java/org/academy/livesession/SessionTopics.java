package org.academy.livesession;

import org.academy.base.push.Topic;

/** Where session changes are pushed. */
public final class SessionTopics {

    static final String KIND = "session";

    private SessionTopics() {
    }

    /** Everything about one session: status, presence, announcements, reactions. */
    public static Topic<SessionEvent> session(long sessionId) {
        return Topic.of(KIND, sessionId);
    }

    /** Sessions of a cohort being scheduled, started or ended, and announcements: for dashboards. */
    public static Topic<SessionEvent> cohort(long cohortId) {
        return Topic.of("cohort-sessions", cohortId);
    }
}
