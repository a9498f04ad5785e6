package org.academy.quiz;

/** A choice as learners see it: no word of whether it is right. */
public record QuizOption(long id, String label) {
}
