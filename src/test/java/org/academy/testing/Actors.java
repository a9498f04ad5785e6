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
        SecurityContextHolder.setContext(context);
    }

    public static void logout() {
        SecurityContextHolder.clearContext();
    }

    public static <T> T as(PersonSummary p, Supplier<T> work) {
        SecurityContext previous = SecurityContextHolder.getContext();
        login(p);
        try {
            return work.get();
        } finally {
            SecurityContextHolder.setContext(previous);
        }
    }

    public static void as(PersonSummary p, Runnable work) {
        as(p, () -> {
            work.run();
            return null;
        });
    }
}
