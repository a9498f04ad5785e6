package org.academy.qa;

public enum QuestionStatus {
    /** Waiting for an instructor's approval (moderated sessions); only its author and staff see it. */
    PENDING,
    VISIBLE,
    /** Removed by moderation; only staff see it. */
    HIDDEN
}
