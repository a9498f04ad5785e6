package org.academy.testing;

import java.util.function.Supplier;

import org.academy.identity.PersonSummary;
import org.academy.security.AcademyUser;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;

/** Runs test code as a given person, exactly as a logged-in request would see them. */
public final class Actors {

    private Actors() {
    }

    public static AcademyUser principal(PersonSummary p) {
        return new AcademyUser(p.id(), p.organisationId(), p.email(), p.displayName(), null, true, p.roles());
    }

    /** Logs the person in on this thread until {@link #logout()}. */
    public static void login(PersonSummary p) {
        AcademyUser user = principal(p);
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities()));
        set(context);
    }

    public static void logout() {
        SecurityContextHolder.clearContext();
        remember(null);
    }

    public static <T> T as(PersonSummary p, Supplier<T> work) {
        SecurityContext previous = SecurityContextHolder.getContext();
        login(p);
        try {
            return work.get();
        } finally {
            set(previous);
        }
    }

    private static void set(SecurityContext context) {
        SecurityContextHolder.setContext(context);
        remember(context);
    }

    /**
     * In a simulated Vaadin session, Vaadin's security-context strategy reads the session's stored
     * context before the thread's, as it must in production (push callbacks run on other threads).
     * Keep the two the same, so "who is calling" in a test is what the test said, and no context
     * of an earlier test can linger in the session.
     */
    private static void remember(SecurityContext context) {
        com.vaadin.flow.server.VaadinSession session = com.vaadin.flow.server.VaadinSession.getCurrent();
        if (session != null && session.getSession() != null) {
            session.getSession().setAttribute(
                    org.springframework.security.web.context.HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY,
                    context);
        }
    }

    public static void as(PersonSummary p, Runnable work) {
        as(p, () -> {
            work.run();
            return null;
        });
    }
}
