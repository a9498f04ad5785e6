package org.academy.orgreport;

import java.time.Instant;

/**
 * One learner of the organisation in one cohort: lessons completed, live sessions attended,
 * projects handed in and reviewed with a grade (of the course's projects), and the average of
 * their counted quiz scores over the quizzes they took ({@code quizAverage} null when none).
 */
public record LearnerReport(long userId, String displayName, String email, long cohortId, String cohortName,
                            int completedLessons, int totalLessons, int percent, int sessionsAttended,
                            int sessionsHeld, Instant lastActivityAt, int projectsTotal, int projectsSubmitted,
                            int projectsReviewed, int quizzesTaken, Integer quizAverage) {
}
