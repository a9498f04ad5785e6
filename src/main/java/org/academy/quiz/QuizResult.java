package org.academy.quiz;

import java.time.Instant;
import java.util.List;

/** A submitted attempt as scored when it was submitted (scores are stored, never recomputed). */
public record QuizResult(long attemptId, int number, int version, int scorePercent, int correctCount,
                         int questionCount, boolean passed, Instant submittedAt, List<AnswerReview> answers) {

    public QuizResult {
        answers = List.copyOf(answers);
    }
}
