package org.academy.project;

import java.time.Instant;

/** One line of a cohort's review queue. */
public record QueueEntry(long submissionId, long learnerId, String learnerName, long lessonId, String lessonTitle,
                         int latestVersion, SubmissionStatus status, Instant waitingSince, Instant reviewedAt) {
}
