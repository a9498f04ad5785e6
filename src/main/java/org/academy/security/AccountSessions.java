package org.academy.security;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.core.session.SessionInformation;
import org.springframework.security.core.session.SessionRegistry;
import org.springframework.stereotype.Component;

/**
 * Ends the open sessions of a person: their next request finds the session expired and goes to
 * the login page, where the database decides whether they may come back. Used after a change that
 * the principal kept in the session would otherwise hide (deactivation, new roles, a reset).
 * Screens already open do not wait for a request: {@link AccountSessionsEnded} closes them, because
 * a push connection would otherwise keep delivering to a session that no longer has a right to it.
 * Sessions are in each node's memory: with several nodes, {@code base.ui.OpenSessions} forwards the
 * ending through the hub, and every other node expires the person's sessions and closes their screens.
 */
@Component
public class AccountSessions {

    private final SessionRegistry registry;
    private final ApplicationEventPublisher events;

    AccountSessions(SessionRegistry registry, ApplicationEventPublisher events) {
        this.registry = registry;
        this.events = events;
    }

    /** Expires every session of the person and closes their open screens; returns how many sessions there were. */
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
        events.publishEvent(new AccountSessionsEnded(userId));
        return expired;
    }
}
