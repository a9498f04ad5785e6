package org.academy.security;

import java.time.Duration;

import org.academy.testing.MovableClock;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The throttle on its own, with a clock the test moves (no sleeping). */
class LoginThrottleTest {

    final MovableClock clock = new MovableClock();
    final LoginThrottle throttle = new LoginThrottle(clock, "3/3m, 5/1h", "10/5m", "4/1h", 1000);

    private void fail(String user, String address, int times) {
        for (int i = 0; i < times; i++) {
            throttle.acquire(user, address);
        }
    }

    @Test
    void the_wait_grows_with_the_failures_and_ends_with_time() {
        fail("ann@example.test", "192.0.2.1", 3);
        LoginThrottledException first = catchThrowableOfType(LoginThrottledException.class,
                () -> throttle.acquire("ann@example.test", "192.0.2.1"));
        assertThat(first.retryAfter()).isEqualTo(Duration.ofMinutes(1));
        assertThat(first.getMessage()).isEqualTo("Too many attempts, try again in 1 minute");

        clock.advance(Duration.ofMinutes(2));
        fail("ann@example.test", "192.0.2.1", 2);
        // Five failures within the hour: now the hourly limit (one back every 12 minutes) decides.
        LoginThrottledException second = catchThrowableOfType(LoginThrottledException.class,
                () -> throttle.acquire("ANN@example.test ", "192.0.2.1"));
        assertThat(second.retryAfter()).isGreaterThan(Duration.ofMinutes(9));
        assertThat(second.getMessage()).isEqualTo("Too many attempts, try again in 10 minutes");

        clock.advance(Duration.ofMinutes(10).plusSeconds(1));
        throttle.acquire("ann@example.test", "192.0.2.1");
    }

    @Test
    void a_success_clears_the_account_but_gives_the_address_back_only_its_own_attempt() {
        fail("bob@example.test", "192.0.2.2", 2);
        throttle.acquire("bob@example.test", "192.0.2.2");
        throttle.succeeded("bob@example.test", "192.0.2.2", null);
        fail("bob@example.test", "192.0.2.2", 3);

        // The address has spent 5 of its 10 attempts; the success refunded one, not all.
        fail("carl@example.test", "192.0.2.2", 3);
        fail("dora@example.test", "192.0.2.2", 2);
        assertThatThrownBy(() -> throttle.acquire("erin@example.test", "192.0.2.2"))
                .isInstanceOf(LoginThrottledException.class);
        // A refused attempt costs the account nothing: erin still has all three elsewhere.
        fail("erin@example.test", "192.0.2.99", 3);
    }

    @Test
    void forgetting_an_account_lifts_its_throttle_at_once() {
        fail("fay@example.test", null, 3);
        assertThatThrownBy(() -> throttle.acquire("fay@example.test", null)).isInstanceOf(LoginThrottledException.class);

        throttle.forget("Fay@Example.test");

        throttle.acquire("fay@example.test", null);
    }

    @Test
    void an_ipv6_network_counts_as_one_address() {
        for (int i = 1; i <= 10; i++) {
            throttle.acquire("user" + i + "@example.test", "2001:db8:1:2::" + Integer.toHexString(i));
        }
        assertThatThrownBy(() -> throttle.acquire("user11@example.test", "2001:db8:1:2:ffff::1"))
                .isInstanceOf(LoginThrottledException.class);
        throttle.acquire("user11@example.test", "2001:db8:1:3::1");
        assertThat(LoginThrottle.addressKey("2001:0db8:0001:0002:0000:0000:0000:0007")).isEqualTo("2001:db8:1:2:0:0:0:0/64");
        assertThat(LoginThrottle.addressKey("192.0.2.7")).isEqualTo("192.0.2.7");
    }

    @Test
    void limits_are_read_from_configuration_and_nonsense_is_refused_at_start() {
        assertThat(LoginThrottle.parse("5/5m, 10/1h,20/1d")).extracting(SharedBuckets.Limit::period)
                .containsExactly(Duration.ofMinutes(5), Duration.ofHours(1), Duration.ofDays(1));
        assertThatThrownBy(() -> LoginThrottle.parse("five per minute")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LoginThrottle.parse("0/5m")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_known_browser_logs_in_while_strangers_have_used_up_the_accounts_allowance() {
        fail("gil@example.test", "198.51.100.7", 3);
        assertThatThrownBy(() -> throttle.acquire("gil@example.test", "192.0.2.3"))
                .as("without the device cookie the account stays locked").isInstanceOf(LoginThrottledException.class);

        throttle.acquire("gil@example.test", "192.0.2.3", "gils-laptop");
        throttle.succeeded("gil@example.test", "192.0.2.3", "gils-laptop");

        assertThatThrownBy(() -> throttle.acquire("gil@example.test", "198.51.100.7"))
                .as("the owner's success through a known browser gives the stranger no fresh guesses")
                .isInstanceOf(LoginThrottledException.class);
    }

    @Test
    void a_known_browser_that_guesses_wrong_too_often_is_locked_out_itself_and_only_itself() {
        for (int i = 0; i < 4; i++) {
            throttle.acquire("hal@example.test", "192.0.2.4", "stolen-cookie");
        }
        LoginThrottledException locked = catchThrowableOfType(LoginThrottledException.class,
                () -> throttle.acquire("hal@example.test", "192.0.2.4", "stolen-cookie"));
        assertThat(locked.getMessage()).isEqualTo("Too many attempts, try again in 15 minutes");

        throttle.acquire("hal@example.test", "192.0.2.4", "hals-phone");
        throttle.acquire("hal@example.test", "192.0.2.4");
        clock.advance(Duration.ofMinutes(15));
        throttle.acquire("hal@example.test", "192.0.2.4", "stolen-cookie");
    }

    @Test
    void a_known_browsers_attempts_neither_spend_nor_wait_for_the_addresss_allowance() {
        for (int i = 0; i < 10; i++) {
            throttle.acquire("sprayed-" + i + "@example.test", "203.0.113.9");
        }
        assertThatThrownBy(() -> throttle.acquire("ivy@example.test", "203.0.113.9"))
                .isInstanceOf(LoginThrottledException.class);
        // Ivy shares the sprayer's network (an office, a campus): her own browser still gets through.
        throttle.acquire("ivy@example.test", "203.0.113.9", "ivys-desktop");
    }

    @Test
    void an_attempt_that_was_not_a_guess_costs_the_known_browser_nothing() {
        for (int i = 0; i < 10; i++) {
            throttle.acquire("jo@example.test", "192.0.2.5", "jos-tablet");
            throttle.refund("jo@example.test", "192.0.2.5", "jos-tablet");
        }
        throttle.acquire("jo@example.test", "192.0.2.5", "jos-tablet");
    }
}
