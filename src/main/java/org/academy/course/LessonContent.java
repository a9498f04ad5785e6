package org.academy.course;

/** One lesson with its markdown, as a learner reads it. */
public record LessonContent(long id, long courseId, int position, String title, int durationMinutes,
                            String markdown) {
}
