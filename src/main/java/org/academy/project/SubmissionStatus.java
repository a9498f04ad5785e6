package org.academy.project;

/** Where a learner's project stands. */
public enum SubmissionStatus {
    /** Handed in, not reviewed yet: the learner may still replace it with a new version. */
    WAITING,
    /** Reviewed with "needs another pass": the learner may hand in a new version. */
    NEEDS_ANOTHER_PASS,
    /** Reviewed with a grade: final. */
    REVIEWED;

    public boolean learnerMaySubmit() {
        return this != REVIEWED;
    }
}
