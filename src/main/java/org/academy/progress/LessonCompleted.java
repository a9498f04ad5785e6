package org.academy.progress;

import java.time.Instant;

/** A learner completed a lesson for the first time. Never published twice for the same lesson and learner. */
public record LessonCompleted(long cohortId, long userId, long lessonId, Instant at) implements ProgressEvent {
}
