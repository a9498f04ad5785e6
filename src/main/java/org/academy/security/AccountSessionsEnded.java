package org.academy.security;

/**
 * A person's sessions were ended (deactivation, new roles, a password reset): every node closes
 * the screens it holds open for them. Published on this node by {@link AccountSessions}; {@code base.ui.OpenSessions}
 * forwards it through the hub to the other nodes, which end the person's sessions they hold.
 */
public record AccountSessionsEnded(long userId) {
}
