package org.academy.quiz;

import java.util.Set;

/** A learner's answer to one question: chosen options for choice questions, text for short answers. */
public record QuizAnswer(long questionId, Set<Long> optionIds, String text) {

    public QuizAnswer {
        optionIds = optionIds == null ? Set.of() : Set.copyOf(optionIds);
    }

    public static QuizAnswer choice(long questionId, Long... optionIds) {
        return new QuizAnswer(questionId, Set.of(optionIds), null);
    }

    public static QuizAnswer text(long questionId, String text) {
        return new QuizAnswer(questionId, Set.of(), text);
    }
}
