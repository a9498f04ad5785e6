package org.academy.security;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.academy.identity.IdentityService;
import org.academy.testing.Fixtures;
import org.academy.testing.Fixtures.World;
import org.academy.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.authentication.configuration.AuthenticationConfiguration;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

import static org.academy.testing.Actors.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Throttling with the application's limits: 5 failures per account, 30 per address, in 5 minutes. */
@IntegrationTest
class LoginThrottlingTest {

    @Autowired
    Fixtures fixtures;
    @Autowired
    AuthenticationConfiguration authConfig;
    @Autowired
    IdentityService identity;

    /** A random private address: no other test shares its allowance. */
    private static String address() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(1, 255);
    }

    private Authentication login(String email, String password, String address) throws Exception {
        UsernamePasswordAuthenticationToken attempt = UsernamePasswordAuthenticationToken.unauthenticated(email, password);
        attempt.setDetails(new WebAuthenticationDetails(address, null));
        return authConfig.getAuthenticationManager().authenticate(attempt);
    }

    @Test
    void after_five_wrong_passwords_even_the_right_one_is_refused_with_how_long_to_wait() throws Exception {
        World w = fixtures.world(1, 1);
        String attacker = address();
        for (int i = 0; i < 5; i++) {
            assertThatThrownBy(() -> login(w.studentA().email(), "wrong password", attacker))
                    .isInstanceOf(BadCredentialsException.class);
        }

        assertThatThrownBy(() -> login(w.studentA().email(), Fixtures.PASSWORD, attacker))
                .isInstanceOf(LoginThrottledException.class).hasMessage("Too many attempts, try again in 1 minute");
        // Per account: from anywhere else too.
        assertThatThrownBy(() -> login(w.studentA().email().toUpperCase(), Fixtures.PASSWORD, address()))
                .isInstanceOf(LoginThrottledException.class);
        // Another account from another address is not affected.
        assertThat(login(w.studentB().email(), Fixtures.PASSWORD, address()).isAuthenticated()).isTrue();

        // Failed logins are there for administrators to read; refused (throttled) ones are not written.
        assertThat(as(w.admin(), () -> identity.failedLogins(w.studentA().id()))).hasSize(5)
                .allSatisfy(f -> {
                    assertThat(f.address()).isEqualTo(attacker);
                    assertThat(f.reason()).isEqualTo("BadCredentials");
                });
        assertThatThrownBy(() -> as(w.orgAdminA(), () -> identity.failedLogins(w.studentA().id())))
                .isInstanceOf(org.springframework.security.access.AccessDeniedException.class);
    }

    @Test
    void one_address_failing_at_many_accounts_is_throttled_for_every_account() throws Exception {
        World w = fixtures.world(1, 1);
        String sprayer = address();
        for (int i = 0; i < 30; i++) {
            String nobody = "nobody-" + i + "-" + UUID.randomUUID() + "@example.test";
            assertThatThrownBy(() -> login(nobody, "123456", sprayer)).isInstanceOf(BadCredentialsException.class);
        }

        assertThatThrownBy(() -> login(w.studentA().email(), Fixtures.PASSWORD, sprayer))
                .isInstanceOf(LoginThrottledException.class);
        // The refusal cost the account nothing: its owner logs in from their own address.
        assertThat(login(w.studentA().email(), Fixtures.PASSWORD, address()).isAuthenticated()).isTrue();
    }

    @Test
    void a_throttled_person_is_let_back_in_by_an_administrators_reset_link() throws Exception {
        World w = fixtures.world(1, 1);
        for (int i = 0; i < 5; i++) {
            assertThatThrownBy(() -> login(w.studentA().email(), "wrong password", address()))
                    .isInstanceOf(BadCredentialsException.class);
        }
        assertThatThrownBy(() -> login(w.studentA().email(), Fixtures.PASSWORD, address()))
                .isInstanceOf(LoginThrottledException.class);

        UUID link = as(w.admin(), () -> identity.resetPassword(w.studentA().id()));
        identity.acceptInvitation(link, "a fresh start, finally", "a fresh start, finally");

        assertThat(login(w.studentA().email(), "a fresh start, finally", address()).isAuthenticated()).isTrue();
    }
}
