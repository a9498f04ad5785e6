package org.academy.security;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.servlet.http.Cookie;

import org.academy.identity.IdentityService;
import org.academy.testing.Fixtures;
import org.academy.testing.Fixtures.World;
import org.academy.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.authentication.configuration.AuthenticationConfiguration;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

import static org.academy.testing.Actors.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Throttling with the application's limits: 5 failures per account, 30 per address, in 5 minutes;
 * 10 an hour for a browser with a device cookie for the account.
 */
@IntegrationTest
class LoginThrottlingTest {

    @Autowired
    Fixtures fixtures;
    @Autowired
    AuthenticationConfiguration authConfig;
    @Autowired
    IdentityService identity;
    @Autowired
    LoginDevices devices;

    /** A random private address: no other test shares its allowance. */
    private static String address() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(1, 255);
    }

    private Authentication login(String email, String password, String address) throws Exception {
        return login(email, password, new WebAuthenticationDetails(address, null));
    }

    private Authentication login(String email, String password, WebAuthenticationDetails details) throws Exception {
        UsernamePasswordAuthenticationToken attempt = UsernamePasswordAuthenticationToken.unauthenticated(email, password);
        attempt.setDetails(details);
        return authConfig.getAuthenticationManager().authenticate(attempt);
    }

    /** A login request as the form sends it, from a browser holding {@code deviceCookie} (or none). */
    private WebAuthenticationDetails browser(String deviceCookie) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/login");
        request.setRemoteAddr(address());
        if (deviceCookie != null) {
            request.setCookies(new Cookie(LoginDevices.COOKIE, deviceCookie));
        }
        return devices.details(request);
    }

    private void strangerFails(String email, int times) {
        String stranger = address();
        for (int i = 0; i < times; i++) {
            assertThatThrownBy(() -> login(email, "wrong password", stranger)).isInstanceOf(AuthenticationException.class);
        }
    }

    @Test
    void after_20_wrong_passwords_from_elsewhere_the_owner_still_logs_in_from_a_browser_they_used_before() throws Exception {
        World w = fixtures.world(1, 1);
        String ownersBrowser = devices.issue(w.studentA().id());
        strangerFails(w.studentA().email(), 20);

        assertThat(login(w.studentA().email(), Fixtures.PASSWORD, browser(ownersBrowser)).isAuthenticated()).isTrue();
        // Again and again: the owner's successes are not the stranger's problem, nor the reverse.
        assertThat(login(w.studentA().email(), Fixtures.PASSWORD, browser(ownersBrowser)).isAuthenticated()).isTrue();
    }

    @Test
    void without_the_device_cookie_the_account_stays_locked_even_after_the_owner_logged_in_with_one() throws Exception {
        World w = fixtures.world(1, 1);
        String ownersBrowser = devices.issue(w.studentA().id());
        strangerFails(w.studentA().email(), 5);
        assertThat(login(w.studentA().email(), Fixtures.PASSWORD, browser(ownersBrowser)).isAuthenticated()).isTrue();

        assertThatThrownBy(() -> login(w.studentA().email(), Fixtures.PASSWORD, browser(null)))
                .isInstanceOf(LoginThrottledException.class).hasMessageStartingWith("Too many attempts, try again in");
    }

    @Test
    void a_forged_or_tampered_device_cookie_or_one_for_another_account_counts_as_none() throws Exception {
        World w = fixtures.world(1, 1);
        String forStudentB = devices.issue(w.studentB().id());
        String[] parts = forStudentB.split("\\.");
        String otherAccount = w.studentA().id() + "." + parts[1] + "." + parts[2];
        String forged = w.studentA().id() + "." + parts[1] + "." + "A".repeat(parts[2].length());
        strangerFails(w.studentA().email(), 5);

        for (String cookie : new String[]{forStudentB, otherAccount, forged, "", "1.2", "not a cookie at all"}) {
            assertThatThrownBy(() -> login(w.studentA().email(), Fixtures.PASSWORD, browser(cookie)))
                    .as(cookie).isInstanceOf(LoginThrottledException.class);
        }
        assertThat(login(w.studentB().email(), Fixtures.PASSWORD, browser(forStudentB)).isAuthenticated()).isTrue();
    }

    @Test
    void a_browser_that_guesses_wrong_10_times_is_locked_out_itself_while_the_account_is_not() throws Exception {
        World w = fixtures.world(1, 1);
        String stolen = devices.issue(w.studentA().id());
        for (int i = 0; i < 10; i++) {
            assertThatThrownBy(() -> login(w.studentA().email(), "wrong password", browser(stolen)))
                    .isInstanceOf(BadCredentialsException.class);
        }

        assertThatThrownBy(() -> login(w.studentA().email(), Fixtures.PASSWORD, browser(stolen)))
                .isInstanceOf(LoginThrottledException.class).hasMessage("Too many attempts, try again in 6 minutes");
        assertThat(login(w.studentA().email(), Fixtures.PASSWORD, browser(devices.issue(w.studentA().id())))
                .isAuthenticated()).as("the owner's other browser").isTrue();
        assertThat(login(w.studentA().email(), Fixtures.PASSWORD, browser(null)).isAuthenticated())
                .as("the guesses cost the account nothing").isTrue();
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
