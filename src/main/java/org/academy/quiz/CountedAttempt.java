package org.academy.quiz;

/** Which attempt decides a learner's score when several are allowed. */
public enum CountedAttempt {
    BEST, LAST
}
