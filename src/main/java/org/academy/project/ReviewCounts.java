package org.academy.project;

/** How many submissions of a cohort wait for review, and how many were reviewed (either outcome). */
public record ReviewCounts(int waiting, int reviewed) {
}
