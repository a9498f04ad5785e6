package org.academy.project;

/** A learner submitted, or staff reviewed, a project; published after commit to the cohort's and the learner's topics. */
public record ProjectChanged(long cohortId, long lessonId, long learnerId, long submissionId) {
}
