package org.academy.identity;

import org.academy.security.AnyoneMayCall;

import java.time.Instant;

import org.academy.security.AcademyUser;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Loads people for Spring Security's login, and notes when they last logged in. */
@Service
class AccountDetailsService implements UserDetailsService {

    private final AppUserRepository users;
    private final OrganisationRepository organisations;

    AccountDetailsService(AppUserRepository users, OrganisationRepository organisations) {
        this.users = users;
        this.organisations = organisations;
    }

    @Override
    @Transactional(readOnly = true)
    @AnyoneMayCall
    public UserDetails loadUserByUsername(String username) {
        return users.findByEmailIgnoreCase(username == null ? "" : username.strip())
                .map(u -> new AcademyUser(u.getId(), u.getOrganisationId(), u.getEmail(), u.getDisplayName(),
                        // Invited people have no password yet and cannot log in until they set one.
                        u.getPasswordHash() == null ? "" : u.getPasswordHash(),
                        // A deactivated organisation's people are locked out with it.
                        u.isActive() && u.getPasswordHash() != null && organisationActive(u), u.getRoles()))
                .orElseThrow(() -> new UsernameNotFoundException("No such user"));
    }

    private boolean organisationActive(AppUser u) {
        return u.getOrganisationId() == null
                || organisations.findById(u.getOrganisationId()).map(Organisation::isActive).orElse(false);
    }

    @EventListener
    @Transactional
    void loggedIn(AuthenticationSuccessEvent event) {
        if (event.getAuthentication().getPrincipal() instanceof AcademyUser user) {
            users.recordLogin(user.id(), Instant.now());
        }
    }
}
