package org.academy.quiz;

import java.time.Instant;

/** A learner submitted an attempt; published to the cohort's quiz topic after commit. */
public record QuizSubmitted(long cohortId, long userId, long quizId, long lessonId, long attemptId, Instant at) {
}
