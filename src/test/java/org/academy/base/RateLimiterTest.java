package org.academy.base;

import java.time.Duration;

import org.academy.security.SharedBuckets;
import org.academy.testing.MovableClock;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** On the application's kind of clock, moved by the test: no sleeping. */
class RateLimiterTest {

    final MovableClock clock = new MovableClock();

    RateLimiter limiter(int capacity, Duration period, long maxKeys) {
        return new RateLimiter("test", capacity, period, clock, maxKeys, null);
    }

    void advance(Duration d) {
        clock.advance(d);
    }

    @Test
    void a_key_gets_its_capacity_at_once_then_tokens_back_evenly_over_the_period() {
        RateLimiter limit = limiter(10, Duration.ofMinutes(1), 1000);
        for (int i = 0; i < 10; i++) {
            assertThat(limit.tryAcquire("ann")).isTrue();
        }
        assertThat(limit.tryAcquire("ann")).isFalse();
        assertThat(limit.tryAcquire("ben")).as("another key is not slowed").isTrue();
        advance(Duration.ofSeconds(6));
        assertThat(limit.tryAcquire("ann")).isTrue();
        assertThat(limit.tryAcquire("ann")).isFalse();
    }

    @Test
    void keys_left_alone_for_a_period_are_forgotten_so_memory_does_not_grow_with_every_key_ever_seen() {
        RateLimiter limit = limiter(5, Duration.ofMinutes(1), 1_000_000);
        for (int i = 0; i < 10_000; i++) {
            limit.tryAcquire("key-" + i);
        }
        assertThat(limit.trackedKeys()).isEqualTo(10_000);
        advance(Duration.ofMinutes(1).plusSeconds(1));
        assertThat(limit.trackedKeys()).isZero();
    }

    @Test
    void forgetting_a_key_changes_nothing_because_its_bucket_would_be_full_again() {
        RateLimiter limit = limiter(3, Duration.ofMinutes(1), 1000);
        for (int i = 0; i < 3; i++) {
            assertThat(limit.tryAcquire(42L)).isTrue();
        }
        assertThat(limit.tryAcquire(42L)).isFalse();
        advance(Duration.ofSeconds(59));
        assertThat(limit.trackedKeys()).as("still refilling: remembered").isEqualTo(1);
        assertThat(limit.tryAcquire(42L)).isTrue();
        assertThat(limit.tryAcquire(42L)).isTrue();
        assertThat(limit.tryAcquire(42L)).as("59 s refilled two tokens and a bit, not three").isFalse();
    }

    @Test
    void the_number_of_keys_held_is_bounded() {
        RateLimiter limit = limiter(5, Duration.ofHours(1), 100);
        for (int i = 0; i < 5_000; i++) {
            limit.tryAcquire(i);
        }
        assertThat(limit.trackedKeys()).isLessThanOrEqualTo(100);
    }

    @Test
    void services_get_limiters_that_follow_the_application_clock() {
        RateLimiter limit = new RateLimits(new StaticListableBeanFactory()
                .getBeanProvider(SharedBuckets.class), clock).create("posts", 2, Duration.ofMinutes(1));
        assertThat(limit.tryAcquire("ann")).isTrue();
        assertThat(limit.tryAcquire("ann")).isTrue();
        assertThat(limit.tryAcquire("ann")).isFalse();
        advance(Duration.ofSeconds(30));
        assertThat(limit.tryAcquire("ann")).as("half a period on the clock gives one token back").isTrue();
    }

    @Test
    void a_limit_without_capacity_or_period_is_refused_at_start() {
        assertThatThrownBy(() -> limiter(0, Duration.ofMinutes(1), 10))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> limiter(1, Duration.ZERO, 10))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
