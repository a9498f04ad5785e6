package org.academy.progress;

import org.academy.cohort.CohortSummary;

/** A cohort in the staff's list, with its headline figures. */
public record CohortOverview(CohortSummary cohort, int averagePercent, int finishedCount) {
}
