package org.academy.security;

import org.academy.base.push.Subscription;
import org.academy.base.push.Topic;
import org.academy.base.push.TopicHub;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.core.session.SessionInformation;
import org.springframework.security.core.session.SessionRegistry;
import org.springframework.stereotype.Component;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;

/**
 * Ends the open sessions of a person: their next request finds the session expired and goes to
 * the login page, where the database decides whether they may come back. Used after a change that
 * the principal kept in the session would otherwise hide (deactivation, new roles, a reset).
 * Screens already open do not wait for a request: {@link AccountSessionsEnded} closes them, because
 * a push connection would otherwise keep delivering to a session that no longer has a right to it.
 * <p>
 * Spring Security's session registry is per node, so the ending travels through the hub to every
 * node ({@link #ENDED}), where it expires that node's sessions and closes its screens too. This
 * node does the same at once, without waiting for the hub; doing it again when the event comes
 * back through the hub finds nothing left to end.
 */
@Component
public class AccountSessions {

    /** A person's sessions were ended: every node ends the ones it holds. */
    static final Topic<AccountSessionsEnded> ENDED = new Topic<>("account-sessions-ended");

    private final SessionRegistry registry;
    private final ApplicationEventPublisher events;
    private final TopicHub hub;
    private Subscription everywhere;

    AccountSessions(SessionRegistry registry, ApplicationEventPublisher events, TopicHub hub) {
        this.registry = registry;
        this.events = events;
        this.hub = hub;
    }

    @PostConstruct
    void listen() {
        everywhere = hub.subscribe(ENDED, ended -> ended.forEach(e -> expireHere(e.userId())));
    }

    @PreDestroy
    void stop() {
        if (everywhere != null) {
            everywhere.close();
        }
    }

    /** Expires every session of the person, on every node, and closes their open screens; returns how many this node held. */
    public int expire(long userId) {
        int expired = expireHere(userId);
        hub.publish(ENDED, new AccountSessionsEnded(userId));
        return expired;
    }

    private int expireHere(long userId) {
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
