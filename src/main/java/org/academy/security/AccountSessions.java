package org.academy.security;

import org.springframework.security.core.session.SessionInformation;
import org.springframework.security.core.session.SessionRegistry;
import org.springframework.stereotype.Component;

/**
 * Ends the open sessions of a person: their next request finds the session expired and goes to
 * the login page, where the database decides whether they may come back. Used after a change that
 * the principal kept in the session would otherwise hide (deactivation, new roles, a reset).
 * Sessions are in this node's memory; a second node would need a shared session store.
 */
@Component
public class AccountSessions {

    private final SessionRegistry registry;

    AccountSessions(SessionRegistry registry) {
        this.registry = registry;
    }

    /** Expires every session of the person; returns how many there were. */
    public int expire(long userId) {
        int expired = 0;
        for (Object principal : registry.getAllPrincipals()) {
            if (principal instanceof AcademyUser user && user.id() == userId) {
                for (SessionInformation session : registry.getAllSessions(principal, false)) {
                    session.expireNow();
                    expired++;
                }
            }
        }
        return expired;
    }
}
