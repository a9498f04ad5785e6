package org.academy.progress;

import java.time.Instant;
import java.util.Set;

/** One row of the instructor's dashboard. {@code lastActivityAt} is null for someone who never started. */
public record LearnerProgress(long userId, String displayName, String email, Set<Long> completedLessonIds,
                              int percent, Instant lastActivityAt) {

    public LearnerProgress {
        completedLessonIds = Set.copyOf(completedLessonIds);
    }

    public boolean hasCompleted(long lessonId) {
        return completedLessonIds.contains(lessonId);
    }
}
