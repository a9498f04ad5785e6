package org.academy.security;

/**
 * A person's sessions were ended (deactivation, new roles, a password reset): every node closes
 * the screens it holds open for them. Published on this node by {@link AccountSessions}; a
 * cross-node transport forwards the same event to the others, whose listeners do the same.
 */
public record AccountSessionsEnded(long userId) {
}
