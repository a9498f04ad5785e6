package org.academy.security;

import java.util.Optional;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The caller of a service method. Services ask here rather than taking a user parameter, so a
 * view can never act on someone else's behalf. Inside Vaadin's {@code UI.access} (push callbacks)
 * the context comes from the session through Vaadin's security-context strategy.
 */
public final class CurrentUser {

    private CurrentUser() {
    }

    public static Optional<AcademyUser> find() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth != null && auth.isAuthenticated() && auth.getPrincipal() instanceof AcademyUser user) {
            return Optional.of(user);
        }
        return Optional.empty();
    }

    public static AcademyUser require() {
        return find().orElseThrow(() -> new AuthenticationCredentialsNotFoundException("Please log in"));
    }

    /** The caller, who must hold at least one of the roles. */
    public static AcademyUser requireAny(Role... roles) {
        AcademyUser user = require();
        for (Role role : roles) {
            if (user.has(role)) {
                return user;
            }
        }
        throw new AccessDeniedException("You do not have access to this");
    }
}
