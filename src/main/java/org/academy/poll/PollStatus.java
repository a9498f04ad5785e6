package org.academy.poll;

public enum PollStatus {
    /** Created, not yet open: only staff see it. */
    DRAFT,
    OPEN,
    CLOSED
}
