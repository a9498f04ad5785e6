package org.academy.livesession;

/**
 * A session is being ended. Published inside the ending transaction, with the session row locked,
 * so that features with state tied to the session (open polls) close it in that same transaction:
 * once the end has committed, nothing of the session is still open. Listen with a plain
 * {@code @EventListener}; the after-commit push is {@link SessionEvent.Kind#ENDED}.
 */
public record SessionEnding(long sessionId, long cohortId) {
}
