package org.academy.progress;

import java.time.Instant;

/** A learner did something in a cohort (opened a lesson), which moves their "last activity". */
public record LearnerActive(long cohortId, long userId, Instant at) implements ProgressEvent {
}
