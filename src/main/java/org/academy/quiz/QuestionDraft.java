package org.academy.quiz;

import java.util.List;

/** A question as its author writes it. */
public record QuestionDraft(QuestionKind kind, String prompt, List<OptionDraft> options, String explanation) {

    public QuestionDraft {
        options = options == null ? List.of() : List.copyOf(options);
        explanation = explanation == null ? "" : explanation;
    }
}
