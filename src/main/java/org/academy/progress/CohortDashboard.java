package org.academy.progress;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.academy.cohort.CohortSummary;
import org.academy.course.LessonSummary;

/**
 * Everything an instructor watches for one cohort: learners × lessons, and the aggregates.
 *
 * @param averagePercent        completions over (learners × lessons), in percent, rounded down
 * @param finishedCount         learners who completed every lesson
 * @param activeRecentlyCount   learners active within {@link ProgressService#RECENT}
 * @param completionsPerLesson  lesson id → how many learners completed it
 */
public record CohortDashboard(CohortSummary cohort, List<LessonSummary> lessons, List<LearnerProgress> learners,
                              int averagePercent, int finishedCount, int activeRecentlyCount,
                              Map<Long, Integer> completionsPerLesson, Instant generatedAt) {

    public CohortDashboard {
        lessons = List.copyOf(lessons);
        learners = List.copyOf(learners);
        completionsPerLesson = Map.copyOf(completionsPerLesson);
    }
}
