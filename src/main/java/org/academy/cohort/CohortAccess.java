package org.academy.cohort;

/** How the caller relates to a cohort; decides what they may see and do there. */
public enum CohortAccess {
    /** Enrolled: sees their own progress and the cohort's aggregate. */
    LEARNER,
    /** Teaches it: sees every learner. */
    INSTRUCTOR,
    /** Platform administrator: sees every cohort as an instructor does. */
    ADMIN;

    public boolean isStaff() {
        return this != LEARNER;
    }
}
