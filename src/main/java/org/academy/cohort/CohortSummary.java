package org.academy.cohort;

import java.time.LocalDate;
import java.util.List;

/** A cohort as every screen shows it. */
public record CohortSummary(long id, long courseId, String courseTitle, String name, LocalDate startsOn,
                            LocalDate endsOn, int learnerCount, List<String> instructorNames) {

    public CohortSummary {
        instructorNames = List.copyOf(instructorNames);
    }
}
