package org.academy.quiz;

import java.util.List;

/** A question as learners see it; no options for short answers. */
public record QuizQuestion(long id, QuestionKind kind, String prompt, List<QuizOption> options) {

    public QuizQuestion {
        options = List.copyOf(options);
    }
}
