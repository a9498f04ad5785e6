package org.academy.base.push;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Event → push latencies of this JVM in fixed buckets, drained by whoever samples them (the System
 * health page's sampler), so a percentile covers exactly the interval since the previous drain,
 * whatever the metrics registry does with its own histogram.
 */
public final class PushLatency {

    /** Upper bounds of the buckets in milliseconds; the last bucket holds everything slower. */
    public static final long[] BOUNDS_MS = {5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, Long.MAX_VALUE};

    private static final AtomicLongArray COUNTS = new AtomicLongArray(BOUNDS_MS.length);

    private PushLatency() {
    }

    /** One delivery, {@code nanos} after its oldest event was published. */
    public static void record(long nanos) {
        long millis = nanos / 1_000_000;
        int i = 0;
        while (millis > BOUNDS_MS[i]) {
            i++;
        }
        COUNTS.incrementAndGet(i);
    }

    /** The counts per bucket since the previous drain, and starts counting afresh. */
    public static long[] drain() {
        long[] counts = new long[BOUNDS_MS.length];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = COUNTS.getAndSet(i, 0);
        }
        return counts;
    }

    /** The bucket bound under which {@code share} of the counts fall (0 when there are none). */
    public static double percentileMs(long[] counts, double share) {
        long total = 0;
        for (long c : counts) {
            total += c;
        }
        if (total == 0) {
            return 0;
        }
        long needed = (long) Math.ceil(total * share);
        long seen = 0;
        for (int i = 0; i < counts.length; i++) {
            seen += counts[i];
            if (seen >= needed) {
                return i == counts.length - 1 ? BOUNDS_MS[i - 1] * 2.0 : BOUNDS_MS[i];
            }
        }
        return BOUNDS_MS[BOUNDS_MS.length - 2] * 2.0;
    }
}
