package org.academy.identity;

import org.academy.security.AnyoneMayCall;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Locale;

import org.academy.security.AcademyUser;
import org.academy.security.LoginThrottledException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Loads people for Spring Security's login, notes when they last logged in, and records failed logins. */
@Service
class AccountDetailsService implements UserDetailsService {

    private static final Logger log = LoggerFactory.getLogger(AccountDetailsService.class);

    private final AppUserRepository users;
    private final OrganisationRepository organisations;
    private final JdbcClient jdbc;
    private final Clock clock;

    AccountDetailsService(AppUserRepository users, OrganisationRepository organisations, JdbcClient jdbc, Clock clock) {
        this.users = users;
        this.organisations = organisations;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    @Transactional(readOnly = true)
    @AnyoneMayCall
    public UserDetails loadUserByUsername(String username) {
        return users.findByEmail(normalised(username))
                .map(u -> new AcademyUser(u.getId(), u.getOrganisationId(), u.getEmail(), u.getDisplayName(),
                        // Invited people have no password yet and cannot log in until they set one.
                        u.getPasswordHash() == null ? "" : u.getPasswordHash(),
                        // A deactivated organisation's people are locked out with it.
                        u.isActive() && u.getPasswordHash() != null && organisationActive(u), u.getRoles()))
                .orElseThrow(() -> new UsernameNotFoundException("No such user"));
    }

    private static String normalised(String username) {
        return username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
    }

    private boolean organisationActive(AppUser u) {
        return u.getOrganisationId() == null
                || organisations.findById(u.getOrganisationId()).map(Organisation::isActive).orElse(false);
    }

    @EventListener
    @Transactional
    void loggedIn(AuthenticationSuccessEvent event) {
        if (event.getAuthentication().getPrincipal() instanceof AcademyUser user) {
            users.recordLogin(user.id(), clock.instant());
        }
    }

    /**
     * One row per failed login, for administrators (see {@link IdentityService#failedLogins}).
     * Attempts refused by throttling are not written: they check no password, and writing them
     * would let anyone grow the table at will.
     */
    @EventListener
    void loginFailed(AbstractAuthenticationFailureEvent event) {
        if (event.getException() instanceof LoginThrottledException) {
            return;
        }
        String typed = normalised(event.getAuthentication().getName());
        String email = typed.length() > 320 ? typed.substring(0, 320) : typed;
        String address = event.getAuthentication().getDetails() instanceof WebAuthenticationDetails web
                ? web.getRemoteAddress() : null;
        String reason = event.getException().getClass().getSimpleName().replace("Exception", "");
        try {
            Long userId = users.findByEmail(email).map(AppUser::getId).orElse(null);
            jdbc.sql("insert into login_failure (at, email, user_id, address, reason) values (?, ?, ?, ?, ?)")
                    .params(Timestamp.from(clock.instant()), email, userId,
                            address == null ? null : address.substring(0, Math.min(64, address.length())),
                            reason.length() > 40 ? reason.substring(0, 40) : reason)
                    .update();
        } catch (RuntimeException notRecorded) {
            // The audit must never turn a refused login into an error page.
            log.warn("Could not record a failed login for {}: {}", email, notRecorded.toString());
        }
    }
}
