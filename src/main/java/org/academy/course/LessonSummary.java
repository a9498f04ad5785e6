package org.academy.course;

/** A lesson in a course outline: enough to list it, not its content. */
public record LessonSummary(long id, int position, String title, int durationMinutes) {
}
