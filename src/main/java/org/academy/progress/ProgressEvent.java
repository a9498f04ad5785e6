package org.academy.progress;

import java.time.Instant;

/** Something that changed a cohort's progress picture; published only after it is committed. */
public sealed interface ProgressEvent permits LessonCompleted, LearnerActive {
    long cohortId();

    long userId();

    Instant at();
}
