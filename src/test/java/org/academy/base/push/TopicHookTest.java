package org.academy.base.push;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TopicHookTest {

    final AtomicInteger cache = new AtomicInteger(1);
    final InProcessTopicHub hub = new InProcessTopicHub(Duration.ofMillis(250), 1000);

    @AfterEach
    void close() {
        hub.close();
    }

    @Test
    void a_hook_runs_before_any_subscriber_of_its_kind_hears_of_the_event_so_a_reload_never_finds_the_stale_cache()
            throws Exception {
        hub.hooks(() -> List.of(TopicHook.of("things", Integer.class, e -> cache.set(0), () -> { })));
        CompletableFuture<Integer> seenBySubscriber = new CompletableFuture<>();
        hub.subscribe(Topic.<Integer>of("things", 1), events -> seenBySubscriber.complete(cache.get()));

        hub.publish(Topic.of("things", 1), 42);

        assertThat(seenBySubscriber.get(2, TimeUnit.SECONDS)).isZero();
    }

    @Test
    void hooks_run_even_when_nobody_on_the_node_subscribes_and_only_for_their_own_kind() {
        hub.hooks(() -> List.of(TopicHook.of("things", Integer.class, e -> cache.set(e), () -> { })));

        hub.publish(Topic.of("other", 1), 7);
        assertThat(cache.get()).isEqualTo(1);

        hub.publish(Topic.of("things", 9), 7);
        assertThat(cache.get()).isEqualTo(7);
    }

    @Test
    void a_resync_drops_every_hooks_cache_and_tells_every_listener() throws Exception {
        hub.hooks(() -> List.of(TopicHook.of("things", Integer.class, e -> { }, () -> cache.set(-1))));
        CountDownLatch told = new CountDownLatch(2);
        hub.onResync(told::countDown);
        Subscription second = hub.onResync(told::countDown);

        hub.resync();

        assertThat(told.await(2, TimeUnit.SECONDS)).isTrue();
        assertThat(cache.get()).isEqualTo(-1);
        second.close();
    }
}
