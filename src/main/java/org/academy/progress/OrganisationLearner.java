package org.academy.progress;

import java.time.Instant;

/** A learner of an organisation in one cohort, for the organisation's own admin. */
public record OrganisationLearner(long userId, String displayName, String email, long cohortId, String cohortName,
                                  int percent, Instant lastActivityAt) {
}
