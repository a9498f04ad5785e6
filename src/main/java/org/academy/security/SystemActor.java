package org.academy.security;

import java.util.Set;
import java.util.function.Supplier;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Runs trusted start-up work (demo data, migrations of data) through the same service methods
 * and checks that people use, acting as a platform administrator with no login of its own.
 */
public final class SystemActor {

    static final AcademyUser SYSTEM = new AcademyUser(0, null, "system@academy.local", "System",
            null, true, Set.of(Role.ADMIN));

    private SystemActor() {
    }

    public static <T> T call(Supplier<T> work) {
        return callAs(SYSTEM, work);
    }

    /** Trusted start-up work done in a real person's name (e.g. demo sessions an instructor schedules). */
    public static <T> T callAs(AcademyUser user, Supplier<T> work) {
        SecurityContext previous = SecurityContextHolder.getContext();
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities()));
        SecurityContextHolder.setContext(context);
        try {
            return work.get();
        } finally {
            SecurityContextHolder.setContext(previous);
        }
    }

    public static void run(Runnable work) {
        call(() -> {
            work.run();
            return null;
        });
    }
}
