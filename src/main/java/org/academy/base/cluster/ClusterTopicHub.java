package org.academy.base.cluster;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import org.academy.base.push.InProcessTopicHub;
import org.academy.base.push.ResyncSignal;
import org.academy.base.push.Subscription;
import org.academy.base.push.Topic;
import org.academy.base.push.TopicHub;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.lettuce.core.RedisClient;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Metrics;

/**
 * The hub of a node among several: an event published here goes to this node's subscribers (at
 * once, through the local hub) and on one Redis channel to the other nodes, whose hubs deliver it
 * to theirs; a node ignores its own messages when they come back. Hooks ({@code TopicHook}) run on
 * every node because every node's local hub publishes the event.
 * <p>
 * On the wire, events queue and leave in batches ({@link NumberedSender}): whatever was published
 * while the previous batch was being sent goes in one message, and identical events of one topic in
 * a batch are sent once (subscribers reload from the database, so a second identical event adds
 * nothing). Redis pub/sub keeps nothing for a node that is not listening: when the subscription
 * comes back after an interruption, this node drops its caches and tells its views to resync from
 * the database.
 * <p>
 * A message can also be lost while every connection stays up (a publish that failed, Lettuce's
 * queue full): batches are numbered per incarnation of a node, an idle node says "still here, last
 * number N" every beat interval, and it says goodbye when it shuts down; a receiver that finds a
 * number missing ({@link GapTracker}) resyncs the same way, within about a beat interval of the loss.
 */
public final class ClusterTopicHub implements TopicHub, ResyncSignal, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ClusterTopicHub.class);

    private final InProcessTopicHub local;
    private final String node;
    private final String channel;
    private final EventCodec codec;
    private final NumberedSender sender;
    private final StatefulRedisPubSubConnection<String, String> listening;
    private final AtomicBoolean subscribedOnce = new AtomicBoolean();
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong resyncs = new AtomicLong();
    private final AtomicLong gaps = new AtomicLong();
    private final GapTracker heard;
    private final ResyncPacer pacer;
    private final List<Meter> meters;

    /**
     * @param incarnation  this start of the node (its start time in milliseconds): numbers count
     *                     from 1 again in a new one
     * @param beatInterval an idle node says "still here" this often; a lost last message is noticed
     *                     within about that long
     */
    public ClusterTopicHub(InProcessTopicHub local, RedisClient redis, String channel, String node,
                           long incarnation, Duration beatInterval) {
        this(local, redis, channel, node, incarnation, beatInterval, Duration.ofSeconds(5));
    }

    /** @param resyncSpacing resyncs closer together than this are folded into one at its end ({@link ResyncPacer}) */
    public ClusterTopicHub(InProcessTopicHub local, RedisClient redis, String channel, String node,
                           long incarnation, Duration beatInterval, Duration resyncSpacing) {
        this.local = local;
        this.pacer = new ResyncPacer(resyncSpacing, () -> {
            resyncs.incrementAndGet();
            local.resync();
        });
        this.node = node;
        this.channel = channel;
        this.codec = new EventCodec(ClusterTopicHub.class.getClassLoader());
        // Every live node is heard within a beat interval of listening; three leave room for a slow one.
        this.heard = new GapTracker(beatInterval.multipliedBy(3), Duration.ofMinutes(10), System.nanoTime());
        this.sender = new NumberedSender(redis, channel, node, incarnation, beatInterval, codec);
        this.listening = redis.connectPubSub();
        listening.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String from, String message) {
                arrived(message);
            }

            @Override
            public void subscribed(String subscribedChannel, long count) {
                // Lettuce subscribes again by itself after a reconnect; anything published in the
                // gap never reached us, so caches go and views reload from the database.
                if (!subscribedOnce.compareAndSet(false, true)) {
                    log.warn("Cross-node channel {} is back after an interruption: resynchronising node {}", channel, node);
                    heard.startOver(System.nanoTime());
                    pacer.request();
                }
            }
        });
        // Named, so that an operator (or a test) can tell which node's subscription this is.
        listening.sync().clientSetname(channel + ":" + node);
        listening.sync().subscribe(channel);
        this.meters = List.of(
                FunctionCounter.builder("academy.cluster.events.sent", sender, NumberedSender::sent)
                        .tag("node", node).description("Events sent to the other nodes").register(Metrics.globalRegistry),
                counter("academy.cluster.events.received", received, "Events received from the other nodes"),
                counter("academy.cluster.resyncs", resyncs, "Times this node rebuilt its views from the database"),
                counter("academy.cluster.gaps", gaps, "Messages from other nodes found missing by their numbers"));
    }

    private Meter counter(String name, AtomicLong value, String description) {
        return FunctionCounter.builder(name, value, AtomicLong::get).tag("node", node).description(description)
                .register(Metrics.globalRegistry);
    }

    @Override
    public <E> void publish(Topic<E> topic, E event) {
        local.publish(topic, event);
        sender.send(new EventCodec.WireEvent(topic.name(), event));
    }

    private void arrived(String message) {
        EventCodec.Batch batch;
        try {
            batch = codec.decode(message);
        } catch (RuntimeException e) {
            log.warn("Ignored a message on {} that is not a hub batch: {}", channel, e.getMessage());
            return;
        }
        if (!batch.refused().isEmpty()) {
            log.warn("Ignored {} events from node {}: {}", batch.refused().size(), batch.node(), batch.refused().getFirst());
        }
        if (node.equals(batch.node())) {
            return;
        }
        if (batch.mark() != null) {
            long now = System.nanoTime();
            GapTracker.Gap gap = heard.heard(batch.node(), batch.mark(), now);
            if (gap != null) {
                log.warn("Node {} missed messages from {}: resynchronising", node, gap);
                gaps.incrementAndGet();
                pacer.request();
            }
            heard.forgetSilent(now);
        }
        for (EventCodec.WireEvent e : batch.events()) {
            received.incrementAndGet();
            local.publish(new Topic<>(e.topic()), e.event());
        }
    }

    @Override
    public <E> Subscription subscribe(Topic<E> topic, Consumer<List<E>> listener) {
        return local.subscribe(topic, listener);
    }

    @Override
    public <E> Subscription subscribeAsync(Topic<E> topic,
                                           java.util.function.Function<List<E>, ? extends java.util.concurrent.CompletionStage<?>> listener) {
        return local.subscribeAsync(topic, listener);
    }

    @Override
    public int subscriptionCount() {
        return local.subscriptionCount();
    }

    @Override
    public Subscription onResync(Runnable listener) {
        return local.onResync(listener);
    }

    /** This node's id, as it signs its messages. */
    public String node() {
        return node;
    }

    /** Events sent to, and received from, the other nodes; interruptions recovered from. */
    public long sent() {
        return sender.sent();
    }

    public long received() {
        return received.get();
    }

    public long resyncs() {
        return resyncs.get();
    }

    /** Messages from other nodes found missing by their numbers (each made this node resync). */
    public long gaps() {
        return gaps.get();
    }

    NumberedSender sender() {
        return sender;
    }

    /** Events waiting to be delivered on this node or sent to the others. */
    public int backlog() {
        return local.backlog() + sender.backlog();
    }

    @Override
    public void close() {
        meters.forEach(Metrics.globalRegistry::remove);
        try {
            sender.close();
            pacer.close();
            listening.close();
        } finally {
            local.close();
        }
    }
}
