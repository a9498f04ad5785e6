package org.academy.course;

import java.util.List;
import java.util.Optional;

/** A course and its lessons in order; only published courses can be given to cohorts. */
public record CourseOutline(long id, String title, String summary, List<LessonSummary> lessons, boolean published) {

    public CourseOutline {
        lessons = List.copyOf(lessons);
    }

    public Optional<LessonSummary> lesson(long lessonId) {
        return lessons.stream().filter(l -> l.id() == lessonId).findFirst();
    }

    public Optional<LessonSummary> previous(long lessonId) {
        int i = indexOf(lessonId);
        return i > 0 ? Optional.of(lessons.get(i - 1)) : Optional.empty();
    }

    public Optional<LessonSummary> next(long lessonId) {
        int i = indexOf(lessonId);
        return i >= 0 && i < lessons.size() - 1 ? Optional.of(lessons.get(i + 1)) : Optional.empty();
    }

    public int totalMinutes() {
        return lessons.stream().mapToInt(LessonSummary::durationMinutes).sum();
    }

    private int indexOf(long lessonId) {
        for (int i = 0; i < lessons.size(); i++) {
            if (lessons.get(i).id() == lessonId) {
                return i;
            }
        }
        return -1;
    }
}
