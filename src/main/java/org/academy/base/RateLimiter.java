package org.academy.base;

import java.time.Duration;
import java.util.List;

import org.academy.security.SharedBuckets;
import java.util.function.LongSupplier;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.github.bucket4j.Bucket;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Metrics;
import io.github.bucket4j.TimeMeter;

/**
 * A token bucket per key (usually a person): {@code capacity} actions at once, refilled evenly over
 * {@code period}. Each key has its own bucket, so one person flooding never slows anyone else.
 * In memory on a single node; shared by every node (through {@link SharedBuckets}) when several
 * run, so that a person cannot multiply their allowance by the number of nodes. A limit, not an
 * accounting. Create them through {@link RateLimits}.
 * <p>
 * Buckets are Bucket4j's, held in a Caffeine cache that forgets a key once it has been left alone
 * for a whole period: by then its bucket would be full again, so forgetting it changes nothing.
 * The cache is also bounded in size, so a flood of distinct keys cannot grow memory without end;
 * past that bound the least recently used keys start afresh (a little lenient, never stricter).
 */
public final class RateLimiter {

    static final long DEFAULT_MAX_KEYS = 100_000;

    private final int capacity;
    private final Duration period;
    private final TimeMeter time;
    private final Cache<Object, Bucket> buckets;
    private final String name;
    private final SharedBuckets shared;
    private final Counter rejections;

    public RateLimiter(int capacity, Duration period) {
        this(capacity, period, System::nanoTime, DEFAULT_MAX_KEYS);
    }

    RateLimiter(int capacity, Duration period, LongSupplier nanoClock, long maxKeys) {
        this("unnamed", capacity, period, nanoClock, maxKeys, null);
    }

    RateLimiter(String name, int capacity, Duration period, LongSupplier nanoClock, long maxKeys, SharedBuckets shared) {
        if (capacity < 1 || period == null || period.isNegative() || period.isZero() || maxKeys < 1) {
            throw new IllegalArgumentException("A rate limit needs a capacity of at least 1 and a positive period");
        }
        this.capacity = capacity;
        this.period = period;
        this.name = name;
        this.shared = shared;
        this.rejections = Metrics.counter("academy.ratelimit.rejections", "limit", name);
        this.time = new TimeMeter() {
            @Override
            public long currentTimeNanos() {
                return nanoClock.getAsLong();
            }

            @Override
            public boolean isWallClockBased() {
                return false;
            }
        };
        this.buckets = Caffeine.newBuilder()
                .maximumSize(maxKeys)
                .expireAfterAccess(period)
                .ticker(nanoClock::getAsLong)
                .build();
    }

    /** @return true if the action may go ahead (and uses a token), false if the key is over its limit */
    public boolean tryAcquire(Object key) {
        boolean allowed;
        try {
            allowed = shared != null
                    ? shared.take("rate:" + name + ":" + key, List.of(new SharedBuckets.Limit(capacity, period)), 1).consumed()
                    : buckets.get(key, k -> newBucket()).tryConsume(1);
        } catch (RuntimeException storeUnreachable) {
            // The shared store is away: this node's own bucket limits meanwhile (per node, as before).
            allowed = buckets.get(key, k -> newBucket()).tryConsume(1);
        }
        if (!allowed) {
            rejections.increment();
        }
        return allowed;
    }

    /** Keys currently remembered, for tests and monitoring. */
    long trackedKeys() {
        buckets.cleanUp();
        return buckets.estimatedSize();
    }

    private Bucket newBucket() {
        return Bucket.builder()
                .addLimit(limit -> limit.capacity(capacity).refillGreedy(capacity, period))
                .withCustomTimePrecision(time)
                .build();
    }
}
