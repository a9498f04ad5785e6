package org.academy.qa;

public enum QuestionOrder {
    /** Pinned first, then most upvoted, then oldest. */
    TOP,
    /** Pinned first, then newest. */
    NEWEST
}
