package org.academy.poll;

/**
 * An option with its tally in the current run.
 *
 * @param correct null when the caller may not know yet (learners before results are revealed)
 * @param votes   null when the caller may not see results yet
 */
public record PollOptionResult(long id, String label, Boolean correct, Integer votes, Integer percent) {
}
