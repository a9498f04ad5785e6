package org.academy.quiz;

/** One question of a submitted attempt: what the learner answered, whether it was right, and why. */
public record AnswerReview(long questionId, int position, QuestionKind kind, String prompt, String yourAnswer,
                           boolean correct, String explanation) {
}
