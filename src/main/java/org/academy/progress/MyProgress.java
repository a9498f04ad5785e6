package org.academy.progress;

import java.util.Set;

import org.academy.cohort.CohortSummary;
import org.academy.course.CourseOutline;

/** A learner's own progress in a cohort, beside the cohort's overall progress. */
public record MyProgress(CohortSummary cohort, CourseOutline outline, Set<Long> completedLessonIds,
                         int percent, int cohortPercent) {

    public MyProgress {
        completedLessonIds = Set.copyOf(completedLessonIds);
    }

    public boolean isCompleted(long lessonId) {
        return completedLessonIds.contains(lessonId);
    }
}
