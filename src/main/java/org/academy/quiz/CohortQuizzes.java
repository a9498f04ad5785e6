package org.academy.quiz;

import java.util.List;

/** The quizzes of a cohort's course with every learner's counted score, for the cohort's staff. */
public record CohortQuizzes(long cohortId, List<QuizColumn> quizzes, List<LearnerScores> learners) {

    public CohortQuizzes {
        quizzes = List.copyOf(quizzes);
        learners = List.copyOf(learners);
    }
}
