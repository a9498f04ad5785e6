package org.academy.progress;

import java.util.Optional;

/**
 * Something a learner must do before a lesson may be marked complete (pass the lesson's quiz,
 * say). Implemented by the higher features that own such requirements, so progress depends on none
 * of them. Called inside {@link ProgressService#markComplete}'s transaction, after the membership check.
 */
public interface CompletionGate {

    /** Empty when the learner may complete the lesson; otherwise the sentence that tells them what to do first. */
    Optional<String> refusal(long cohortId, long userId, long lessonId);
}
