package org.academy.security;

import java.time.Duration;
import java.util.List;

/**
 * Token buckets kept where every node sees them (Redis, when several nodes run), so that a limit
 * holds for a person however the load balancer spreads their requests. A bucket has one or more
 * limits (capacity per period, refilled gradually); taking a token succeeds only if every limit
 * has one. The store's own clock counts, so nodes with slightly different clocks agree.
 */
public interface SharedBuckets {

    /** One limit of a bucket: {@code capacity} tokens, refilled evenly over {@code period}. */
    record Limit(int capacity, Duration period) {
    }

    /**
     * @param consumed  whether the token was taken (a refund always "succeeds")
     * @param remaining tokens left under the tightest limit
     * @param waitFor   how long until a token would be there, when refused
     */
    record Take(boolean consumed, long remaining, Duration waitFor) {
    }

    /** Takes {@code tokens} from the bucket {@code key}; a negative count gives tokens back (never above capacity). */
    Take take(String key, List<Limit> limits, int tokens);

    /** Drops the bucket: it starts full again. */
    void forget(String key);
}
