package org.academy.quiz;

import java.util.List;

/**
 * A lesson's quiz as the lesson page shows it to one person. Staff see the questions but cannot
 * take it ({@code canTake} false, no attempts).
 *
 * @param maxAttempts      null for unlimited
 * @param latest           the caller's last submitted attempt, or null
 * @param countedPercent   the score that counts (best or last attempt), or null before any attempt
 * @param passed           whether the counted attempt passed
 */
public record LearnerQuiz(long quizId, long cohortId, long lessonId, long versionId, int passPercent,
                          Integer maxAttempts, CountedAttempt counted, boolean requiredToComplete,
                          List<QuizQuestion> questions, boolean learner, int attemptsUsed, QuizResult latest,
                          Integer countedPercent, boolean passed) {

    public LearnerQuiz {
        questions = List.copyOf(questions);
    }

    public int nextAttemptNumber() {
        return attemptsUsed + 1;
    }

    /** Whether the caller may submit another attempt. */
    public boolean canTake() {
        return learner && (maxAttempts == null || attemptsUsed < maxAttempts);
    }

    /** Attempts left, or null when unlimited. */
    public Integer attemptsLeft() {
        return maxAttempts == null ? null : Math.max(0, maxAttempts - attemptsUsed);
    }
}
