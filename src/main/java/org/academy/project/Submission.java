package org.academy.project;

import java.util.List;

/** A learner's project for one lesson of a cohort, with every version, oldest first. */
public record Submission(long id, long cohortId, long lessonId, String lessonTitle, long learnerId,
                         String learnerName, SubmissionStatus status, List<SubmissionVersion> versions) {

    public Submission {
        versions = List.copyOf(versions);
    }

    public SubmissionVersion latest() {
        return versions.getLast();
    }

    /** The newest version that has feedback, if any. */
    public java.util.Optional<SubmissionVersion> latestFeedback() {
        return versions.reversed().stream().filter(SubmissionVersion::reviewed).findFirst();
    }
}
