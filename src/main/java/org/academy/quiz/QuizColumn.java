package org.academy.quiz;

/**
 * One quiz of a cohort's course on the instructor's dashboard.
 *
 * @param averagePercent       average counted score of the learners who attempted it, or null if none did
 * @param hardestQuestion      the question with the lowest share of right answers in this cohort, or null
 * @param hardestRightPercent  that share, or null
 */
public record QuizColumn(long quizId, long lessonId, int lessonPosition, String lessonTitle, int passPercent,
                         Integer averagePercent, int attemptedCount, String hardestQuestion,
                         Integer hardestRightPercent) {
}
