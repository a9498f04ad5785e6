package org.academy.progress;

/**
 * @param newlyCompleted false when the lesson had been completed before (the call changed nothing)
 * @param percent        the learner's progress in the course afterwards
 */
public record CompletionResult(boolean newlyCompleted, int percent) {
}
