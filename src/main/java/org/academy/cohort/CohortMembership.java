package org.academy.cohort;

/** A cohort together with how the caller belongs to it. */
public record CohortMembership(CohortSummary cohort, CohortAccess access) {
}
