package org.academy.base.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.academy.base.cluster.EventCodec.Kind;
import org.academy.base.cluster.EventCodec.Mark;
import org.academy.base.push.InProcessTopicHub;
import org.academy.base.push.Topic;
import org.academy.poll.PollChanged;
import org.academy.poll.PollTopics;
import org.academy.testing.Eventually;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.micrometer.core.instrument.Metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Hubs of several "nodes" in this JVM on the real Redis, each test on a channel of its own: a
 * message lost while every connection stays up is noticed by its number, and nothing else is.
 */
class MissedMessagesTest {

    static final Duration BEAT = Duration.ofMillis(250);
    static final Duration PATIENCE = Duration.ofSeconds(5);
    static final long SESSION = 4_242;
    static final Topic<PollChanged> TOPIC = PollTopics.session(SESSION);

    static RedisClient redis;

    final String run = UUID.randomUUID().toString().substring(0, 8);
    final String channel = "academy-test-" + ProcessHandle.current().pid() + ":" + run + ":hub";
    final EventCodec codec = new EventCodec(getClass().getClassLoader());
    final List<AutoCloseable> open = new ArrayList<>();
    /** Every message on the channel, as an outsider sees it. */
    final List<EventCodec.Batch> wire = new CopyOnWriteArrayList<>();
    StatefulRedisConnection<String, String> raw;

    /** What a node's views see: the events delivered to them and how often they were told to resync. */
    record Views(Set<Long> polls, AtomicInteger resyncs) {
        boolean saw(long poll) {
            return polls.contains(poll);
        }
    }

    @BeforeAll
    static void connect() {
        redis = RedisClient.create(RedisURI.create("127.0.0.1", 6379));
    }

    @AfterAll
    static void disconnect() {
        redis.shutdown();
    }

    void watchTheWire() {
        StatefulRedisPubSubConnection<String, String> watcher = redis.connectPubSub();
        watcher.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String from, String message) {
                wire.add(codec.decode(message));
            }
        });
        watcher.sync().subscribe(channel);
        open.add(watcher);
        raw = redis.connect();
        open.add(raw);
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : open.reversed()) {
            c.close();
        }
    }

    ClusterTopicHub hub(String node, long incarnation) {
        ClusterTopicHub hub = new ClusterTopicHub(new InProcessTopicHub(Duration.ofMillis(1), 10_000), redis, channel,
                run + "-" + node, incarnation, BEAT);
        open.add(hub);
        return hub;
    }

    static Views views(ClusterTopicHub hub) {
        Views views = new Views(ConcurrentHashMap.newKeySet(), new AtomicInteger());
        hub.subscribe(TOPIC, events -> events.forEach(e -> views.polls().add(e.pollId())));
        hub.onResync(views.resyncs()::incrementAndGet);
        return views;
    }

    static PollChanged event(long poll) {
        return new PollChanged(SESSION, poll, true);
    }

    void publishRaw(String node, Mark mark, long... polls) {
        List<EventCodec.WireEvent> events = new ArrayList<>();
        for (long poll : polls) {
            events.add(new EventCodec.WireEvent(TOPIC.name(), event(poll)));
        }
        raw.sync().publish(channel, codec.encode(run + "-" + node, mark, events));
    }

    /** Waits for {@code count} beats of {@code hub} after its batch {@code number}: every node has heard them by then, or nearly. */
    void awaitBeats(ClusterTopicHub hub, long number, int count) {
        Eventually.await(count + " beats of " + hub.node() + " after " + number, PATIENCE, () -> wire.stream()
                .filter(b -> b.node().equals(hub.node()) && b.mark() != null && b.mark().kind() == Kind.BEAT
                        && b.mark().number() >= number).count() >= count);
    }

    @Test
    void a_beat_interval_too_short_to_mean_anything_is_refused_with_a_clear_message() {
        InProcessTopicHub local = new InProcessTopicHub(Duration.ofMillis(1), 10);
        open.add(local::close);
        assertThatThrownBy(() -> new ClusterTopicHub(local, redis, channel, "a", 1, Duration.ofMillis(2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("academy.cluster.beat-interval must be at least 4ms, not PT0.002S");
    }

    @Test
    void nodes_that_lose_nothing_never_resync_busy_or_idle() {
        watchTheWire();
        ClusterTopicHub a = hub("a", 1);
        ClusterTopicHub b = hub("b", 1);
        Views onA = views(a);
        Views onB = views(b);
        for (int burst = 0; burst < 10; burst++) {
            for (int i = 0; i < 20; i++) {
                a.publish(TOPIC, event(1_000 + burst * 20 + i));
                b.publish(TOPIC, event(2_000 + burst * 20 + i));
            }
            long last = burst * 20 + 19;
            Eventually.await("burst " + burst + " across", PATIENCE, () -> onB.saw(1_000 + last) && onA.saw(2_000 + last));
        }
        awaitBeats(a, a.sender().lastNumber(), 3);
        awaitBeats(b, b.sender().lastNumber(), 3);

        var kinds = wire.stream().filter(m -> m.node().equals(a.node()))
                .collect(java.util.stream.Collectors.groupingBy(m -> m.mark().kind(), java.util.stream.Collectors.counting()));
        System.out.printf("MissedMessagesTest: node a sent %s for 200 events (a beat is %d bytes)%n", kinds,
                codec.encode(a.node(), new Mark(System.currentTimeMillis(), a.sender().lastNumber(), Kind.BEAT), List.of()).length());
        assertThat(onB.polls()).hasSize(400);
        assertThat(a.gaps() + b.gaps() + a.resyncs() + b.resyncs()).isZero();
        assertThat(onA.resyncs().get() + onB.resyncs().get()).isZero();
    }

    @Test
    void a_batch_lost_between_two_nodes_makes_the_receiver_resync_once_and_tell_its_views() {
        watchTheWire();
        ClusterTopicHub a = hub("a", 1);
        ClusterTopicHub b = hub("b", 1);
        Views onB = views(b);
        a.publish(TOPIC, event(1));
        Eventually.await("event 1 on b", PATIENCE, () -> onB.saw(1));

        a.sender().loseNextBatch();
        a.publish(TOPIC, event(2));
        Eventually.await("batch 2 numbered", PATIENCE, () -> a.sender().lastNumber() == 2);
        a.publish(TOPIC, event(3));

        Eventually.await("event 3 on b", PATIENCE, () -> onB.saw(3));
        Eventually.await("b's views told to resync", PATIENCE, () -> onB.resyncs().get() == 1);
        assertThat(onB.saw(2)).isFalse();
        // Later batches and beats carry on from the new number: no second resync.
        a.publish(TOPIC, event(4));
        Eventually.await("event 4 on b", PATIENCE, () -> onB.saw(4));
        awaitBeats(a, 4, 2);
        assertThat(b.gaps()).isEqualTo(1);
        assertThat(b.resyncs()).isEqualTo(1);
        assertThat(onB.resyncs()).hasValue(1);
        assertThat(Metrics.globalRegistry.get("academy.cluster.gaps").tag("node", b.node()).functionCounter().count())
                .isEqualTo(1.0);
    }

    @Test
    void the_last_batch_lost_and_then_silence_makes_the_receiver_resync_within_two_beat_intervals() {
        ClusterTopicHub a = hub("a", 1);
        ClusterTopicHub b = hub("b", 1);
        Views onB = views(b);
        a.publish(TOPIC, event(1));
        Eventually.await("event 1 on b", PATIENCE, () -> onB.saw(1));

        a.sender().loseNextBatch();
        a.publish(TOPIC, event(2));
        Eventually.await("batch 2 numbered", PATIENCE, () -> a.sender().lastNumber() == 2);
        long lost = System.nanoTime();
        Eventually.await("b resynced", PATIENCE, () -> b.resyncs() == 1);
        long noticedMs = (System.nanoTime() - lost) / 1_000_000;
        System.out.printf("MissedMessagesTest: a lost last batch noticed after %d ms (beat interval %d ms)%n",
                noticedMs, BEAT.toMillis());

        assertThat(noticedMs).isLessThan(BEAT.multipliedBy(2).toMillis());
        Eventually.await("b's views told to resync", PATIENCE, () -> onB.resyncs().get() == 1);
        assertThat(b.gaps()).isEqualTo(1);
    }

    @Test
    void a_node_restarted_after_saying_goodbye_is_followed_again_from_one_without_a_resync() throws Exception {
        watchTheWire();
        ClusterTopicHub before = hub("a", 1_000);
        ClusterTopicHub b = hub("b", 1);
        Views onB = views(b);
        before.publish(TOPIC, event(1));
        Eventually.await("event 1 on b", PATIENCE, () -> onB.saw(1));
        open.remove(before);
        before.close();

        ClusterTopicHub after = hub("a", 2_000);
        after.publish(TOPIC, event(2));
        Eventually.await("event 2 on b", PATIENCE, () -> onB.saw(2));
        awaitBeats(after, 1, 2);

        assertThat(wire).anySatisfy(m -> assertThat(m.mark()).isEqualTo(new Mark(1_000, 1, Kind.BYE)));
        assertThat(b.resyncs()).isZero();
        assertThat(onB.resyncs()).hasValue(0);
    }

    @Test
    void a_node_restarted_without_a_goodbye_makes_the_others_resync_once_not_at_every_message() {
        watchTheWire();
        ClusterTopicHub b = hub("b", 1);
        Views onB = views(b);
        publishRaw("crashed", new Mark(1_000, 1, Kind.BATCH), 1);
        Eventually.await("event 1 on b", PATIENCE, () -> onB.saw(1));

        publishRaw("crashed", new Mark(2_000, 1, Kind.BATCH), 2);
        publishRaw("crashed", new Mark(2_000, 2, Kind.BATCH), 3);
        publishRaw("crashed", new Mark(2_000, 2, Kind.BEAT));
        publishRaw("crashed", new Mark(2_000, 3, Kind.BATCH), 4);
        Eventually.await("event 4 on b", PATIENCE, () -> onB.saw(4));

        assertThat(onB.polls()).contains(1L, 2L, 3L, 4L);
        assertThat(b.resyncs()).isEqualTo(1);
        Eventually.await("b's views told to resync", PATIENCE, () -> onB.resyncs().get() == 1);
    }

    @Test
    void messages_of_a_node_that_does_not_number_them_are_delivered_and_never_taken_for_a_gap() {
        watchTheWire();
        ClusterTopicHub b = hub("b", 1);
        Views onB = views(b);
        publishRaw("old", null, 1);
        publishRaw("old", null, 2, 3);
        Eventually.await("the old node's events on b", PATIENCE, () -> onB.saw(1) && onB.saw(3));
        // A numbered node after it on the same channel is followed as usual.
        ClusterTopicHub a = hub("a", 1);
        a.publish(TOPIC, event(4));
        Eventually.await("event 4 on b", PATIENCE, () -> onB.saw(4));
        awaitBeats(a, 1, 1);

        assertThat(b.gaps()).isZero();
        assertThat(b.resyncs()).isZero();
    }
}
