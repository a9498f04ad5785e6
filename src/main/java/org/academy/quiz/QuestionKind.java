package org.academy.quiz;

/** How a question is answered and scored. */
public enum QuestionKind {
    /** One option is right; the learner picks one. */
    SINGLE,
    /** Some options are right; the learner must pick exactly those. */
    MULTIPLE,
    /** The learner types an answer; it is right when it matches an accepted answer, ignoring case and spacing. */
    SHORT
}
