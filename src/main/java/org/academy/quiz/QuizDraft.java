package org.academy.quiz;

import java.util.List;

/**
 * A quiz as its author saves it.
 *
 * @param maxAttempts null for unlimited attempts
 * @param requiredToComplete the lesson cannot be marked complete before the quiz is passed
 */
public record QuizDraft(int passPercent, Integer maxAttempts, CountedAttempt counted, boolean requiredToComplete,
                        List<QuestionDraft> questions) {

    public QuizDraft {
        questions = questions == null ? List.of() : List.copyOf(questions);
    }
}
