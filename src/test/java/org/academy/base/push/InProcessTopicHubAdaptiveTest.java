package org.academy.base.push;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Adaptive coalescing (decision 15), on a hand-driven clock, timer and executor: nothing here
 * sleeps, and every "when" is the hub's own decision, observed exactly.
 */
class InProcessTopicHubAdaptiveTest {

    static final Topic<Integer> NUMBERS = Topic.of("numbers", 1);
    static final Duration MIN = Duration.ofMillis(50);
    static final Duration MAX = Duration.ofMillis(250);

    final ManualTime time = new ManualTime();
    final InProcessTopicHub hub = new InProcessTopicHub(MIN, MAX, 10_000, 4, time::now, time, time);

    @AfterEach
    void close() {
        hub.close();
    }

    @Test
    void an_idle_subscriber_gets_every_event_at_once() {
        List<List<Integer>> batches = new ArrayList<>();
        hub.subscribe(NUMBERS, batches::add);

        for (int i = 0; i < 5; i++) {
            hub.publish(NUMBERS, i);
            time.runReady();
            assertThat(batches).hasSize(i + 1);
            time.advance(Duration.ofMillis(100));
        }

        assertThat(batches).containsExactly(List.of(0), List.of(1), List.of(2), List.of(3), List.of(4));
    }

    @Test
    void events_while_a_batch_is_in_flight_go_out_together_as_soon_as_it_is_done() {
        List<List<Integer>> batches = new ArrayList<>();
        List<CompletableFuture<Void>> inFlight = new ArrayList<>();
        hub.subscribeAsync(NUMBERS, batch -> {
            batches.add(batch);
            CompletableFuture<Void> done = new CompletableFuture<>();
            inFlight.add(done);
            return done;
        });

        hub.publish(NUMBERS, 1);
        time.runReady();
        time.advance(Duration.ofMillis(80));
        hub.publish(NUMBERS, 2);
        hub.publish(NUMBERS, 3);
        time.runReady();
        assertThat(batches).as("busy: 2 and 3 wait although the window has passed").hasSize(1);

        inFlight.getFirst().complete(null);
        time.runReady();

        assertThat(batches).containsExactly(List.of(1), List.of(2, 3));
    }

    @Test
    void an_event_right_after_a_delivery_waits_only_for_the_short_window() {
        List<Long> deliveredAt = new ArrayList<>();
        hub.subscribe(NUMBERS, batch -> deliveredAt.add(time.now()));

        hub.publish(NUMBERS, 1);
        time.runReady();
        time.advance(Duration.ofMillis(10));
        hub.publish(NUMBERS, 2);
        time.runReady();
        assertThat(deliveredAt).hasSize(1);

        time.advance(Duration.ofMillis(39));
        assertThat(deliveredAt).hasSize(1);
        time.advance(Duration.ofMillis(1));

        assertThat(deliveredAt).hasSize(2);
        assertThat(deliveredAt.get(1) - deliveredAt.get(0)).isEqualTo(MIN.toNanos());
    }

    @Test
    void while_batches_lag_the_gap_grows_to_the_longest_interval_and_back() {
        List<Long> deliveredAt = new ArrayList<>();
        hub.subscribe(NUMBERS, batch -> deliveredAt.add(time.now()));
        for (int i = 0; i < 200; i++) {
            hub.lagged(Duration.ofMillis(400).toNanos());
        }
        assertThat(Duration.ofNanos(hub.gapNanos())).isEqualTo(MAX);

        hub.publish(NUMBERS, 1);
        time.runReady();
        hub.publish(NUMBERS, 2);
        time.advance(Duration.ofMillis(249));
        assertThat(deliveredAt).hasSize(1);
        time.advance(Duration.ofMillis(1));
        assertThat(deliveredAt).hasSize(2);

        for (int i = 0; i < 200; i++) {
            hub.lagged(0);
        }
        assertThat(Duration.ofNanos(hub.gapNanos())).isEqualTo(MIN);
    }

    @Test
    void while_batches_lag_a_view_whose_update_just_ran_waits_the_gap_after_it() {
        List<Long> deliveredAt = new ArrayList<>();
        List<CompletableFuture<Void>> inFlight = new ArrayList<>();
        hub.subscribeAsync(NUMBERS, batch -> {
            deliveredAt.add(time.now());
            CompletableFuture<Void> done = new CompletableFuture<>();
            inFlight.add(done);
            return done;
        });
        for (int i = 0; i < 200; i++) {
            hub.lagged(Duration.ofMillis(400).toNanos());
        }

        hub.publish(NUMBERS, 1);
        time.runReady();
        time.advance(Duration.ofMillis(100));
        hub.publish(NUMBERS, 2);
        time.advance(Duration.ofMillis(200));
        inFlight.getFirst().complete(null);
        time.advance(Duration.ofMillis(249));
        assertThat(deliveredAt).hasSize(1);
        time.advance(Duration.ofMillis(1));

        assertThat(deliveredAt).hasSize(2);
        assertThat(deliveredAt.get(1) - deliveredAt.get(0)).isEqualTo(Duration.ofMillis(550).toNanos());
    }

    @Test
    void batches_that_take_long_to_be_done_in_their_views_lengthen_the_gap() {
        List<CompletableFuture<Void>> inFlight = new ArrayList<>();
        hub.subscribeAsync(NUMBERS, batch -> {
            CompletableFuture<Void> done = new CompletableFuture<>();
            inFlight.add(done);
            return done;
        });

        for (int i = 0; i < 100; i++) {
            hub.publish(NUMBERS, i);
            time.runReady();
            assertThat(inFlight).hasSize(i + 1);
            time.advance(Duration.ofMillis(150));
            inFlight.getLast().complete(null);
            time.runReady();
            time.advance(Duration.ofMillis(300));
        }

        assertThat(Duration.ofNanos(hub.gapNanos())).as("twice a lag of 150 ms, at most the longest").isEqualTo(MAX);
    }

    @Test
    void the_views_of_a_busy_topic_share_the_push_budget() {
        hub.pushBudget(1_000);
        List<List<Long>> deliveredAt = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            List<Long> mine = new ArrayList<>();
            deliveredAt.add(mine);
            hub.subscribe(NUMBERS, batch -> mine.add(time.now()));
        }

        hub.publish(NUMBERS, 1);
        time.runReady();
        hub.publish(NUMBERS, 2);
        time.advance(Duration.ofMillis(99));
        assertThat(deliveredAt).allSatisfy(times -> assertThat(times).hasSize(1));
        time.advance(Duration.ofMillis(1));

        assertThat(deliveredAt).as("100 views at 1,000 pushes a second: one each every 100 ms")
                .allSatisfy(times -> assertThat(times.get(1) - times.get(0)).isEqualTo(Duration.ofMillis(100).toNanos()));
    }

    @Test
    void the_views_of_several_busy_topics_share_the_nodes_push_budget_and_a_quiet_topic_stops_taking_a_share() {
        Topic<Integer> other = Topic.of("other", 1);
        hub.pushBudget(1_000);
        List<List<Long>> deliveredAt = new ArrayList<>();
        for (Topic<Integer> topic : List.of(NUMBERS, other)) {
            for (int i = 0; i < 50; i++) {
                List<Long> mine = new ArrayList<>();
                deliveredAt.add(mine);
                hub.subscribe(topic, batch -> mine.add(time.now()));
            }
        }

        hub.publish(NUMBERS, 1);
        hub.publish(other, 1);
        time.runReady();
        hub.publish(NUMBERS, 2);
        hub.publish(other, 2);
        time.advance(Duration.ofMillis(99));
        assertThat(deliveredAt).allSatisfy(times -> assertThat(times).hasSize(1));
        time.advance(Duration.ofMillis(1));
        assertThat(deliveredAt).as("2 × 50 views at 1,000 pushes a second: one each every 100 ms, as 100 views of one topic")
                .allSatisfy(times -> assertThat(times).hasSize(2));

        // "other" goes quiet: after a second NUMBERS' 50 views alone share the budget, one each every 50 ms.
        time.advance(Duration.ofMillis(1_000));
        hub.publish(NUMBERS, 3);
        time.runReady();
        long first = time.now();
        hub.publish(NUMBERS, 4);
        time.advance(Duration.ofMillis(50));
        assertThat(deliveredAt.subList(0, 50)).allSatisfy(times -> {
            assertThat(times).hasSize(4);
            assertThat(times.get(3) - times.get(2)).isEqualTo(Duration.ofMillis(50).toNanos());
            assertThat(times.get(2)).isEqualTo(first);
        });
    }

    @Test
    void a_topic_with_few_views_is_not_held_back_by_the_budget() {
        hub.pushBudget(1_000);
        List<Long> deliveredAt = new ArrayList<>();
        hub.subscribe(NUMBERS, batch -> deliveredAt.add(time.now()));

        hub.publish(NUMBERS, 1);
        time.runReady();
        hub.publish(NUMBERS, 2);
        time.advance(MIN);

        assertThat(deliveredAt).hasSize(2);
        assertThat(deliveredAt.get(1) - deliveredAt.get(0)).isEqualTo(MIN.toNanos());
    }

    @Test
    void a_batch_that_is_never_done_holds_its_subscriber_back_only_for_a_while_and_nothing_is_lost() {
        List<List<Integer>> batches = new ArrayList<>();
        hub.subscribeAsync(NUMBERS, batch -> {
            batches.add(batch);
            return new CompletableFuture<Void>();
        });

        hub.publish(NUMBERS, 1);
        time.runReady();
        hub.publish(NUMBERS, 2);
        time.advance(Duration.ofMillis(999));
        assertThat(batches).hasSize(1);
        time.advance(Duration.ofMillis(1));

        assertThat(batches).containsExactly(List.of(1), List.of(2));
    }

    @Test
    void a_batch_done_twice_or_late_starts_no_extra_delivery() {
        List<List<Integer>> batches = new ArrayList<>();
        List<CompletableFuture<Void>> inFlight = new ArrayList<>();
        hub.subscribeAsync(NUMBERS, batch -> {
            batches.add(batch);
            CompletableFuture<Void> done = new CompletableFuture<>();
            inFlight.add(done);
            return done;
        });

        hub.publish(NUMBERS, 1);
        time.runReady();
        hub.publish(NUMBERS, 2);
        time.advance(Duration.ofSeconds(1));
        assertThat(batches).hasSize(2);
        hub.publish(NUMBERS, 3);
        // The first batch, given up on, finishes now: the second is still in flight, so 3 waits for it.
        inFlight.getFirst().complete(null);
        time.runReady();
        assertThat(batches).hasSize(2);

        inFlight.get(1).complete(null);
        time.runReady();
        inFlight.get(1).complete(null);
        time.advance(Duration.ofSeconds(5));

        assertThat(batches).containsExactly(List.of(1), List.of(2), List.of(3));
    }

    @Test
    void pending_events_of_a_busy_subscriber_stay_bounded_keeping_the_newest() {
        InProcessTopicHub small = new InProcessTopicHub(MIN, MAX, 3, 4, time::now, time, time);
        List<List<Integer>> batches = new ArrayList<>();
        List<CompletableFuture<Void>> inFlight = new ArrayList<>();
        small.subscribeAsync(NUMBERS, batch -> {
            batches.add(batch);
            CompletableFuture<Void> done = new CompletableFuture<>();
            inFlight.add(done);
            return done;
        });

        small.publish(NUMBERS, 0);
        time.runReady();
        for (int i = 1; i <= 10; i++) {
            small.publish(NUMBERS, i);
        }
        assertThat(small.backlog()).isEqualTo(3);
        time.advance(Duration.ofMillis(100));
        inFlight.getFirst().complete(null);
        time.runReady();

        assertThat(batches).containsExactly(List.of(0), List.of(8, 9, 10));
        small.close();
    }

    @Test
    void with_both_intervals_equal_it_is_the_fixed_interval_of_before() {
        InProcessTopicHub fixed = new InProcessTopicHub(MAX, MAX, 100, 4, time::now, time, time);
        List<Long> deliveredAt = new ArrayList<>();
        fixed.subscribe(NUMBERS, batch -> deliveredAt.add(time.now()));

        fixed.publish(NUMBERS, 1);
        time.runReady();
        time.advance(Duration.ofMillis(100));
        fixed.publish(NUMBERS, 2);
        time.advance(Duration.ofMillis(149));
        assertThat(deliveredAt).hasSize(1);
        time.advance(Duration.ofMillis(1));

        assertThat(deliveredAt).hasSize(2);
        assertThat(deliveredAt.get(1) - deliveredAt.get(0)).isEqualTo(MAX.toNanos());
        fixed.close();
    }

    /** A clock, a timer and an executor that only move when the test says so. */
    static final class ManualTime implements InProcessTopicHub.Timer, Executor {
        private record Due(long at, long order, Runnable task) {
        }

        private long now = 1_000_000_000L;
        private long order;
        private final List<Due> timers = new ArrayList<>();
        private final Queue<Runnable> ready = new ArrayDeque<>();

        long now() {
            return now;
        }

        @Override
        public void schedule(Runnable task, long delayNanos) {
            timers.add(new Due(now + delayNanos, order++, task));
        }

        @Override
        public void execute(Runnable task) {
            ready.add(task);
        }

        /** Runs what was handed to the executor, and what that hands on, until nothing is left. */
        void runReady() {
            Runnable next;
            while ((next = ready.poll()) != null) {
                next.run();
            }
        }

        /** Moves the clock, running every timer that falls due on the way (at its own time). */
        void advance(Duration by) {
            long end = now + by.toNanos();
            runReady();
            while (true) {
                Due first = timers.stream().filter(d -> d.at() <= end)
                        .min(Comparator.comparingLong(Due::at).thenComparingLong(Due::order)).orElse(null);
                if (first == null) {
                    break;
                }
                timers.remove(first);
                now = Math.max(now, first.at());
                first.task().run();
                runReady();
            }
            now = end;
        }
    }
}
