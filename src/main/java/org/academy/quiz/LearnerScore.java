package org.academy.quiz;

/** A learner's counted score on one quiz. */
public record LearnerScore(int percent, boolean passed, int attempts) {
}
