package org.academy.cohort;

import java.time.Instant;

/** A learner enrolled in a cohort, as staff see them. */
public record CohortLearner(long userId, String displayName, String email, Long organisationId, Instant enrolledAt) {
}
