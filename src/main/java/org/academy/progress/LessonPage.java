package org.academy.progress;

import org.academy.cohort.CohortSummary;
import org.academy.course.LessonContent;
import org.academy.course.LessonSummary;

/**
 * A lesson as opened in a cohort.
 *
 * @param canComplete whether the caller is a learner who may mark it complete (staff only preview)
 * @param previous    the lesson before, or null for the first
 * @param next        the lesson after, or null for the last
 */
public record LessonPage(CohortSummary cohort, LessonContent lesson, boolean completed, boolean canComplete,
                         LessonSummary previous, LessonSummary next, int lessonCount) {
}
