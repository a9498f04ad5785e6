package org.academy.project;

/**
 * A lesson's project as the caller sees it on the lesson page: the brief, and for a learner their
 * own submission (null before the first one). Staff see the brief and how many wait for review.
 */
public record ProjectPage(long cohortId, long lessonId, String brief, boolean learner, Submission mine,
                          int waitingForReview) {
}
