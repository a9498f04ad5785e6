package org.academy.base;

import java.time.Clock;
import java.time.Duration;

import org.academy.security.SharedBuckets;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Where services get their rate limiters: in memory on a single node, shared through Redis when
 * several nodes run ({@link SharedBuckets} is then a bean). Each limiter is named, which keys its
 * buckets in the shared store and tags its rejections in the metrics.
 */
@Component
public class RateLimits {

    private final ObjectProvider<SharedBuckets> shared;
    private final Clock clock;

    RateLimits(ObjectProvider<SharedBuckets> shared, Clock clock) {
        this.shared = shared;
        this.clock = clock;
    }

    /** {@code capacity} actions per key at once, refilled evenly over {@code period}. */
    public RateLimiter create(String name, int capacity, Duration period) {
        return new RateLimiter(name, capacity, period, clock, RateLimiter.DEFAULT_MAX_KEYS, shared.getIfAvailable());
    }
}
