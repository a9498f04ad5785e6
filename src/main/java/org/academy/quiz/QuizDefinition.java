package org.academy.quiz;

import java.util.List;

/** The current version of a lesson's quiz, with its answers, for its authors. */
public record QuizDefinition(long quizId, long lessonId, long versionId, int version, int passPercent,
                             Integer maxAttempts, CountedAttempt counted, boolean requiredToComplete,
                             List<QuestionDraft> questions, int attemptCount) {

    public QuizDefinition {
        questions = List.copyOf(questions);
    }

    public QuizDraft draft() {
        return new QuizDraft(passPercent, maxAttempts, counted, requiredToComplete, questions);
    }
}
