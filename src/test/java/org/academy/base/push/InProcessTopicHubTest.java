package org.academy.base.push;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.academy.testing.Eventually;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class InProcessTopicHubTest {

    static final Topic<Integer> NUMBERS = Topic.of("numbers", 1);
    static final Topic<Integer> OTHER = Topic.of("numbers", 2);

    final InProcessTopicHub hub = new InProcessTopicHub(Duration.ofMillis(250), 10_000);

    @AfterEach
    void close() {
        hub.close();
    }

    @Test
    void a_lone_event_is_delivered_at_once_on_a_hub_thread_not_the_publishers() throws Exception {
        List<String> threads = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch delivered = new CountDownLatch(1);
        hub.subscribe(NUMBERS, batch -> {
            threads.add(Thread.currentThread().getName() + (Thread.currentThread().isVirtual() ? " (virtual)" : ""));
            delivered.countDown();
        });

        
        hub.publish(NUMBERS, 42);

        assertThat(delivered.await(2, TimeUnit.SECONDS)).isTrue();
        // How fast "at once" is belongs to the benchmarks, not to an assertion that flakes on a busy machine.
        assertThat(threads).singleElement().satisfies(t -> {
            assertThat(t).isNotEqualTo(Thread.currentThread().getName());
            assertThat(t).endsWith("(virtual)");
        });
    }

    @Test
    void a_burst_is_coalesced_into_few_batches_that_keep_every_event_in_order() {
        List<List<Integer>> batches = Collections.synchronizedList(new ArrayList<>());
        hub.subscribe(NUMBERS, batches::add);

        for (int i = 0; i < 1000; i++) {
            hub.publish(NUMBERS, i);
        }

        Eventually.await("all 1000 events", Duration.ofSeconds(5), () -> {
            synchronized (batches) {
                return batches.stream().mapToInt(List::size).sum() == 1000;
            }
        });
        List<Integer> all = batches.stream().flatMap(List::stream).toList();
        assertThat(all).containsExactlyElementsOf(java.util.stream.IntStream.range(0, 1000).boxed().toList());
        // Published in well under a second: one immediate batch and at most a couple of coalesced ones.
        assertThat(batches.size()).isBetween(1, 5);
    }

    @Test
    void deliveries_to_one_subscriber_are_at_least_the_interval_apart() {
        List<Long> times = Collections.synchronizedList(new ArrayList<>());
        hub.subscribe(NUMBERS, batch -> times.add(System.nanoTime()));

        long end = System.nanoTime() + Duration.ofMillis(1200).toNanos();
        int i = 0;
        while (System.nanoTime() < end) {
            hub.publish(NUMBERS, i++);
            sleep(5);
        }

        Eventually.await("the last batch", Duration.ofSeconds(2), () -> times.size() >= 4);
        for (int k = 1; k < times.size(); k++) {
            assertThat(Duration.ofNanos(times.get(k) - times.get(k - 1))).isGreaterThanOrEqualTo(Duration.ofMillis(240));
        }
        // 1.2 s of constant publishing: at most ~4 pushes a second, plus the first.
        assertThat(times.size()).isLessThanOrEqualTo(7);
    }

    @Test
    void subscribers_only_get_their_own_topic() {
        List<Integer> one = Collections.synchronizedList(new ArrayList<>());
        List<Integer> two = Collections.synchronizedList(new ArrayList<>());
        hub.subscribe(NUMBERS, one::addAll);
        hub.subscribe(OTHER, two::addAll);

        hub.publish(NUMBERS, 1);
        hub.publish(OTHER, 2);

        Eventually.await("both delivered", Duration.ofSeconds(2), () -> one.size() == 1 && two.size() == 1);
        assertThat(one).containsExactly(1);
        assertThat(two).containsExactly(2);
    }

    @Test
    void a_closed_subscription_gets_nothing_more_and_leaves_no_trace() {
        List<Integer> got = Collections.synchronizedList(new ArrayList<>());
        Subscription s = hub.subscribe(NUMBERS, got::addAll);
        assertThat(hub.subscriptionCount()).isEqualTo(1);

        s.close();
        s.close();
        hub.publish(NUMBERS, 7);

        sleep(300);
        assertThat(got).isEmpty();
        assertThat(hub.subscriptionCount()).isZero();
    }

    @Test
    void a_slow_or_failing_subscriber_does_not_hold_up_the_others() {
        CountDownLatch release = new CountDownLatch(1);
        hub.subscribe(NUMBERS, batch -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        hub.subscribe(NUMBERS, batch -> {
            throw new IllegalStateException("broken view");
        });
        List<Integer> fast = Collections.synchronizedList(new ArrayList<>());
        hub.subscribe(NUMBERS, fast::addAll);

        hub.publish(NUMBERS, 1);
        Eventually.await("the healthy subscriber", Duration.ofSeconds(2), () -> fast.size() == 1);
        hub.publish(NUMBERS, 2);
        Eventually.await("the healthy subscriber again", Duration.ofSeconds(2), () -> fast.size() == 2);
        release.countDown();
    }

    @Test
    void a_subscriber_too_far_behind_keeps_the_newest_events_up_to_the_cap() {
        InProcessTopicHub small = new InProcessTopicHub(Duration.ofMillis(250), 10);
        try {
            CountDownLatch release = new CountDownLatch(1);
            List<Integer> got = Collections.synchronizedList(new ArrayList<>());
            small.subscribe(NUMBERS, batch -> {
                got.addAll(batch);
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            small.publish(NUMBERS, 0);
            Eventually.await("the first delivery", Duration.ofSeconds(2), () -> got.size() == 1);
            for (int i = 1; i <= 100; i++) {
                small.publish(NUMBERS, i);
            }
            release.countDown();
            Eventually.await("the capped backlog", Duration.ofSeconds(2), () -> got.size() == 11);
            assertThat(got).containsExactly(0, 91, 92, 93, 94, 95, 96, 97, 98, 99, 100);
        } finally {
            small.close();
        }
    }

    @Test
    void concurrent_publishers_subscribers_and_closers_lose_and_duplicate_nothing() throws Exception {
        InProcessTopicHub hub = new InProcessTopicHub(Duration.ofMillis(250), 1_000_000);
        try {
            concurrently(hub);
        } finally {
            hub.close();
        }
    }

    private static void concurrently(InProcessTopicHub hub) throws Exception {
        int publishers = 8;
        int perPublisher = 2000;
        ConcurrentHashMap<Integer, AtomicInteger> seen = new ConcurrentHashMap<>();
        hub.subscribe(NUMBERS, batch -> batch.forEach(n -> seen.computeIfAbsent(n, k -> new AtomicInteger()).incrementAndGet()));
        ExecutorService pool = Executors.newFixedThreadPool(publishers + 1);
        CountDownLatch start = new CountDownLatch(1);
        for (int p = 0; p < publishers; p++) {
            int base = p * perPublisher;
            pool.submit(() -> {
                start.await();
                for (int i = 0; i < perPublisher; i++) {
                    hub.publish(NUMBERS, base + i);
                }
                return null;
            });
        }
        // Churn: other subscribers come and go on the same topic meanwhile.
        pool.submit(() -> {
            start.await();
            for (int i = 0; i < 500; i++) {
                hub.subscribe(NUMBERS, batch -> { }).close();
            }
            return null;
        });
        start.countDown();
        pool.shutdown();
        assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();

        Eventually.await("every event", Duration.ofSeconds(5), () -> seen.size() == publishers * perPublisher);
        assertThat(seen.values()).allSatisfy(count -> assertThat(count.get()).isEqualTo(1));
        assertThat(hub.subscriptionCount()).isEqualTo(1);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
