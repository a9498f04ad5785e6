package org.academy.orgreport;

import java.time.LocalDate;

/**
 * One cohort as an organisation sees it: how many of its people attend, how far they got on
 * average, how many finished every lesson, and how many of the live sessions held they joined.
 */
public record CohortReport(long cohortId, String cohortName, String courseTitle, LocalDate startsOn, LocalDate endsOn,
                           int learners, int totalLessons, int averagePercent, int finished, int sessionsHeld,
                           int attendancePercent) {
}
