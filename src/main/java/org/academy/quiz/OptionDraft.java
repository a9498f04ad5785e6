package org.academy.quiz;

/** A choice of a choice question, or an accepted answer of a short-answer question (always correct). */
public record OptionDraft(String label, boolean correct) {
}
