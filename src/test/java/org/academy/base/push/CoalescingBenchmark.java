package org.academy.base.push;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The hub's coalescing policy alone, fixed interval against adaptive (decision 15): S subscribers
 * each doing {@code bench.cost} ms of CPU per delivery (about what one participant's screen update
 * cost in docs/performance.md), events published at R a second for a few seconds. Latency of every
 * event × subscriber pair = publication → end of the first delivery that contains it.
 * <pre>
 * mvn -B test -Dtest=CoalescingBenchmark -Dgroups=benchmark -Dtest.excludedGroups=none
 * </pre>
 */
@Tag("benchmark")
class CoalescingBenchmark {

    static final Topic<Long> TOPIC = Topic.of("bench", 1);
    static final double COST_MS = Double.parseDouble(System.getProperty("bench.cost", "1.3"));
    static final int SECONDS = Integer.getInteger("bench.seconds", 6);

    @Test
    void fixed_against_adaptive_coalescing() throws Exception {
        System.out.printf("[coalescing] cost %.2f ms CPU per delivery, %d s per row, %d cores, load %s%n", COST_MS, SECONDS,
                Runtime.getRuntime().availableProcessors(), loadAverage());
        System.out.println("[coalescing] | subscribers | events/s | policy | deliveries/s | p50 | p95 | p99 | max | CPU s/s |");
        for (int[] row : new int[][]{{100, 10}, {100, 50}, {1000, 10}, {1000, 100}}) {
            run(row[0], row[1], Duration.ofMillis(250), "fixed 250 ms");
            run(row[0], row[1], Duration.ofMillis(50), "adaptive 50–250 ms");
        }
    }

    private void run(int subscribers, int rate, Duration min, String policy) throws Exception {
        InProcessTopicHub hub = new InProcessTopicHub(min, Duration.ofMillis(250), 100_000, 16);
        int events = rate * SECONDS;
        long[] published = new long[events];
        List<long[]> latencies = new ArrayList<>();
        LongAdder deliveries = new LongAdder();
        long[][] perSub = new long[subscribers][];
        AtomicLong sink = new AtomicLong();
        for (int s = 0; s < subscribers; s++) {
            long[] mine = new long[events];
            Arrays.fill(mine, -1);
            perSub[s] = mine;
            hub.subscribe(TOPIC, batch -> {
                spin(COST_MS, sink);
                long done = System.nanoTime();
                deliveries.increment();
                for (long e : batch) {
                    mine[(int) e] = done;
                }
            });
        }
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpu0 = os.getProcessCpuTime();
        long start = System.nanoTime();
        long gap = 1_000_000_000L / rate;
        for (int e = 0; e < events; e++) {
            long due = start + e * gap;
            while (System.nanoTime() < due) {
                Thread.onSpinWait();
            }
            published[e] = System.nanoTime();
            hub.publish(TOPIC, (long) e);
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline && Arrays.stream(perSub).anyMatch(m -> m[events - 1] < 0)) {
            Thread.sleep(20);
        }
        long wall = System.nanoTime() - start;
        double cpu = (os.getProcessCpuTime() - cpu0) / (double) wall;
        hub.close();
        long[] all = new long[events * subscribers];
        int n = 0;
        int missing = 0;
        for (long[] mine : perSub) {
            for (int e = 0; e < events; e++) {
                if (mine[e] < 0) {
                    missing++;
                } else {
                    all[n++] = (mine[e] - published[e]) / 1_000_000;
                }
            }
        }
        long[] sorted = Arrays.copyOf(all, n);
        Arrays.sort(sorted);
        System.out.printf("[coalescing] | %d | %d | %s | %.0f | %d ms | %d ms | %d ms | %d ms | %.2f |%s%n", subscribers, rate, policy,
                deliveries.sum() / (wall / 1e9), pct(sorted, 50), pct(sorted, 95), pct(sorted, 99), sorted[n - 1], cpu,
                missing == 0 ? "" : " missing " + missing);
        latencies.clear();
    }

    private static void spin(double ms, AtomicLong sink) {
        long end = System.nanoTime() + (long) (ms * 1_000_000);
        long x = 0;
        while (System.nanoTime() < end) {
            x += System.nanoTime() & 7;
        }
        sink.addAndGet(x);
    }

    private static long pct(long[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    private static String loadAverage() {
        return String.format("%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }
}
