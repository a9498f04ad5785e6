package org.academy.project;

import java.time.Instant;
import java.util.List;

/** One version a learner handed in, with the feedback written for it (null until reviewed). */
public record SubmissionVersion(int version, String answer, List<String> links, Instant submittedAt,
                                String feedback, String grade, boolean needsAnotherPass, String reviewerName,
                                Instant reviewedAt) {

    public SubmissionVersion {
        links = List.copyOf(links);
    }

    public boolean reviewed() {
        return reviewedAt != null;
    }
}
