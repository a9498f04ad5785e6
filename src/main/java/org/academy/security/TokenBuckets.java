package org.academy.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.local.LocalBucketBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one token-bucket mechanism of the application: a bucket per key, each with one or more
 * limits (capacity per period, refilled evenly), timed by the application's {@link Clock} so tests
 * move time instead of sleeping. Kept in {@link SharedBuckets} when several nodes run (so a limit
 * holds cluster-wide), otherwise in a Caffeine cache of this node.
 * <p>
 * The cache forgets a key left alone for its longest period: by then the bucket would be full
 * again, so forgetting changes nothing. It is bounded in size, so a flood of distinct keys cannot
 * grow memory without end; past the bound the least recently used keys start afresh (lenient,
 * never stricter). If the shared store is unreachable this node's own buckets limit meanwhile.
 * <p>
 * Lives here rather than in {@code base} because login throttling (security) uses it, and
 * security may not depend on base; {@code base.RateLimiter} is the services' face of it.
 */
public final class TokenBuckets {

    private static final Logger log = LoggerFactory.getLogger(TokenBuckets.class);

    private final String sharedPrefix;
    private final List<SharedBuckets.Limit> limits;
    private final TimeMeter time;
    private final Cache<Object, Bucket> local;
    private final SharedBuckets shared;

    /**
     * @param sharedPrefix what the keys are prefixed with in the shared store ("login:account:")
     * @param shared       the cluster's store, or null on a single node
     */
    public TokenBuckets(String sharedPrefix, List<SharedBuckets.Limit> limits, Clock clock, long maxKeys,
                        SharedBuckets shared) {
        if (limits == null || limits.isEmpty() || maxKeys < 1 || limits.stream().anyMatch(l -> l.capacity() < 1
                || l.period() == null || l.period().isNegative() || l.period().isZero())) {
            throw new IllegalArgumentException("A rate limit needs a capacity of at least 1 and a positive period");
        }
        this.sharedPrefix = sharedPrefix;
        this.limits = List.copyOf(limits);
        this.shared = shared;
        this.time = new TimeMeter() {
            @Override
            public long currentTimeNanos() {
                return nanos(clock.instant());
            }

            @Override
            public boolean isWallClockBased() {
                return true;
            }
        };
        Duration longest = this.limits.stream().map(SharedBuckets.Limit::period).max(Comparator.naturalOrder()).orElseThrow();
        this.local = Caffeine.newBuilder().maximumSize(maxKeys)
                .expireAfterAccess(longest.toNanos(), TimeUnit.NANOSECONDS)
                .ticker(() -> nanos(clock.instant()))
                .build();
    }

    /** Takes one token from the key's bucket; refused (with how long to wait) when a limit has none left. */
    public SharedBuckets.Take take(Object key) {
        if (shared != null) {
            try {
                return shared.take(sharedPrefix + key, limits, 1);
            } catch (RuntimeException storeUnreachable) {
                // Debug, not warn: every action would log while Redis is away; readiness reports it once.
                log.debug("Shared rate limit {} unreachable, limiting on this node: {}", sharedPrefix, storeUnreachable.toString());
            }
        }
        ConsumptionProbe probe = local.get(key, k -> newBucket()).tryConsumeAndReturnRemaining(1);
        return new SharedBuckets.Take(probe.isConsumed(), probe.getRemainingTokens(),
                Duration.ofNanos(probe.getNanosToWaitForRefill()));
    }

    /** Gives one token back (an attempt that turned out not to count); never above capacity. */
    public void giveBack(Object key) {
        if (shared != null) {
            try {
                shared.take(sharedPrefix + key, limits, -1);
                return;
            } catch (RuntimeException storeUnreachable) {
                // The token was probably taken from this node's bucket too: give it back there.
            }
        }
        Bucket bucket = local.getIfPresent(key);
        if (bucket != null) {
            bucket.addTokens(1);
        }
    }

    /** The key starts afresh, with a full bucket. */
    public void forget(Object key) {
        if (shared != null) {
            try {
                shared.forget(sharedPrefix + key);
            } catch (RuntimeException storeUnreachable) {
                log.warn("Could not clear the shared rate limit {}{}: {}", sharedPrefix, key, storeUnreachable.toString());
            }
        }
        local.invalidate(key);
    }

    /** Keys this node currently remembers, for tests and monitoring. */
    public long trackedKeys() {
        local.cleanUp();
        return local.estimatedSize();
    }

    private Bucket newBucket() {
        LocalBucketBuilder builder = Bucket.builder().withCustomTimePrecision(time);
        for (SharedBuckets.Limit limit : limits) {
            builder.addLimit(l -> l.capacity(limit.capacity()).refillGreedy(limit.capacity(), limit.period()));
        }
        return builder.build();
    }

    private static long nanos(Instant at) {
        return Math.addExact(Math.multiplyExact(at.getEpochSecond(), 1_000_000_000L), at.getNano());
    }
}
