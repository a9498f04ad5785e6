package org.academy.orgreport;

import java.time.Instant;

/** One learner of the organisation in one cohort: lessons completed and live sessions attended. */
public record LearnerReport(long userId, String displayName, String email, long cohortId, String cohortName,
                            int completedLessons, int totalLessons, int percent, int sessionsAttended,
                            int sessionsHeld, Instant lastActivityAt) {
}
