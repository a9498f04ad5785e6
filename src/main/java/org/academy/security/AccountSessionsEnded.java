package org.academy.security;

/**
 * A person's sessions were ended (deactivation, new roles, a password reset): every node closes
 * the screens it holds open for them. Published on this node by {@link AccountSessions}, which
 * also sends it through the hub to the other nodes, whose {@code AccountSessions} publish it there.
 */
public record AccountSessionsEnded(long userId) {
}
