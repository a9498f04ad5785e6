package org.academy.base;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.academy.security.SharedBuckets;
import org.academy.security.TokenBuckets;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Metrics;

/**
 * A token bucket per key (usually a person): {@code capacity} actions at once, refilled evenly over
 * {@code period}. Each key has its own bucket, so one person flooding never slows anyone else.
 * In memory on a single node; shared by every node (through {@link SharedBuckets}) when several
 * run, so that a person cannot multiply their allowance by the number of nodes. A limit, not an
 * accounting. Create them through {@link RateLimits}. The buckets are {@link TokenBuckets}, the
 * mechanism login throttling uses too, timed by the application's clock.
 */
public final class RateLimiter {

    static final long DEFAULT_MAX_KEYS = 100_000;

    private final TokenBuckets buckets;
    private final Counter rejections;

    RateLimiter(String name, int capacity, Duration period, Clock clock, long maxKeys, SharedBuckets shared) {
        this.buckets = new TokenBuckets("rate:" + name + ":", List.of(new SharedBuckets.Limit(capacity, period)),
                clock, maxKeys, shared);
        this.rejections = Metrics.counter("academy.ratelimit.rejections", "limit", name);
    }

    /** @return true if the action may go ahead (and uses a token), false if the key is over its limit */
    public boolean tryAcquire(Object key) {
        boolean allowed = buckets.take(key).consumed();
        if (!allowed) {
            rejections.increment();
        }
        return allowed;
    }

    /** Keys currently remembered, for tests and monitoring. */
    long trackedKeys() {
        return buckets.trackedKeys();
    }
}
