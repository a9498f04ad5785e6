package org.academy.livesession;

import org.academy.cohort.CohortAccess;

/** A session and how the caller belongs to it (through its cohort). */
public record SessionContext(SessionSummary session, CohortAccess access) {

    public boolean isStaff() {
        return access.isStaff();
    }
}
