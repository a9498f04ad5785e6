package org.academy.base.ui;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.academy.base.cluster.NodeIdentity;
import org.academy.base.push.Subscription;
import org.academy.base.push.Topic;
import org.academy.base.push.TopicHub;
import org.academy.security.AcademyUser;
import org.academy.security.AccountSessionsEnded;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.session.SessionInformation;
import org.springframework.security.core.session.SessionRegistry;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.stereotype.Component;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinServiceInitListener;
import com.vaadin.flow.server.VaadinSession;
import com.vaadin.flow.server.WrappedSession;

/**
 * The Vaadin sessions open on this node, so that the screens of a person whose sessions were ended
 * close at once instead of at their next request. Until then a push connection would keep
 * delivering updates to a person who was deactivated or lost a role.
 * <p>
 * Sessions are found by the person in their security context, not by HTTP session id: the id
 * changes at login, and another node knows only the person. The set holds the sessions alive on
 * this node and nothing else: each leaves it when the container destroys it (timeout, logout).
 * <p>
 * With several nodes, an ending on this node is forwarded through the hub; the other nodes expire
 * the person's sessions in their own session registries and close their screens.
 */
@Component
class OpenSessions implements VaadinServiceInitListener {

    private static final Logger log = LoggerFactory.getLogger(OpenSessions.class);
    /** Sessions ended on one node, for the others (each node's session registry is its own). */
    static final Topic<SessionsEndedElsewhere> ENDED = new Topic<>("account-sessions-ended");

    private final Set<VaadinSession> sessions = ConcurrentHashMap.newKeySet();
    private final TopicHub hub;
    private final NodeIdentity node;
    private final SessionRegistry registry;
    private Subscription fromOtherNodes;

    OpenSessions(TopicHub hub, NodeIdentity node, SessionRegistry registry) {
        this.hub = hub;
        this.node = node;
        this.registry = registry;
    }

    @PostConstruct
    void listen() {
        fromOtherNodes = hub.subscribe(ENDED, batch -> batch.stream()
                .filter(ended -> !ended.node().equals(node.id()))
                .forEach(ended -> {
                    expireRegistered(ended.userId());
                    closeHere(ended.userId());
                }));
    }

    @PreDestroy
    void stop() {
        if (fromOtherNodes != null) {
            fromOtherNodes.close();
        }
    }

    private void expireRegistered(long userId) {
        for (Object principal : registry.getAllPrincipals()) {
            if (principal instanceof AcademyUser user && user.id() == userId) {
                registry.getAllSessions(principal, false).forEach(SessionInformation::expireNow);
            }
        }
    }

    @Override
    public void serviceInit(ServiceInitEvent event) {
        event.getSource().addSessionInitListener(init -> sessions.add(init.getSession()));
        event.getSource().addSessionDestroyListener(destroy -> sessions.remove(destroy.getSession()));
    }

    /** How many Vaadin sessions this node holds open; for tests and diagnostics. */
    int size() {
        return sessions.size();
    }

    /** Ended on this node: close what this node holds, and tell the others. */
    @EventListener
    void close(AccountSessionsEnded ended) {
        closeHere(ended.userId());
        hub.publish(ENDED, new SessionsEndedElsewhere(ended.userId(), node.id()));
    }

    private void closeHere(long userId) {
        for (VaadinSession session : List.copyOf(sessions)) {
            WrappedSession http = session.getSession();
            if (http != null && belongsTo(http, userId)) {
                // Not waiting for the lock: the caller may hold another session's lock, or this one's.
                session.access(() -> close(session, http, userId));
            }
        }
    }

    private static void close(VaadinSession session, WrappedSession http, long userId) {
        for (UI ui : List.copyOf(session.getUIs())) {
            // Sent before the session goes, so an open tab shows the login at once; a tab whose
            // push is not connected right now finds the session gone at its next request instead.
            ui.getPage().setLocation("login");
            try {
                ui.push();
            } catch (RuntimeException notConnected) {
                log.debug("Could not push the way to the login to UI {}", ui.getUIId());
            }
        }
        try {
            // Detaches every UI (their subscriptions end with them) and drops the security context.
            http.invalidate();
        } catch (IllegalStateException alreadyInvalidated) {
            // Logged out or timed out meanwhile: nothing left to close.
        }
        log.info("Closed the open screens of person {}: their sessions were ended", userId);
    }

    private static boolean belongsTo(WrappedSession http, long userId) {
        Object context;
        try {
            context = http.getAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY);
        } catch (IllegalStateException invalidated) {
            return false;
        }
        Authentication authentication = context instanceof SecurityContext sc ? sc.getAuthentication() : null;
        return authentication != null && authentication.getPrincipal() instanceof AcademyUser user && user.id() == userId;
    }
}
