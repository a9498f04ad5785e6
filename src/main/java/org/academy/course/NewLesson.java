package org.academy.course;

public record NewLesson(String title, int durationMinutes, String markdown) {
}
