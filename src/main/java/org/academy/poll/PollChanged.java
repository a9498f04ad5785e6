package org.academy.poll;

/** A poll of a session was created, opened, closed, revealed, re-run, or got a vote. */
public record PollChanged(long sessionId, long pollId, boolean vote) {
}
