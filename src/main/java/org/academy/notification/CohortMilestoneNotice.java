package org.academy.notification;

/** A cohort reached a milestone (half its learners finished day 1); for its instructors. */
public record CohortMilestoneNotice(long cohortId, String milestone, String cohortName, String link) implements Notice {

    @Override
    public NotificationType type() {
        return NotificationType.COHORT_MILESTONE;
    }

    @Override
    public String key() {
        return "milestone:" + cohortId + ":" + milestone;
    }

    @Override
    public String text() {
        return cohortName + ": " + milestone;
    }
}
