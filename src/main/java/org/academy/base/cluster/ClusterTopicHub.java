package org.academy.base.cluster;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;

/**
 * The hub of a node among several: an event published here goes to this node's subscribers (at
 * once, through the local hub) and on one Redis channel to the other nodes, whose hubs deliver it
 * to theirs; a node ignores its own messages when they come back. Hooks ({@code TopicHook}) run on
 * every node because every node's local hub publishes the event.
 * <p>
 * On the wire, events queue and leave in batches: whatever was published while the previous batch
 * was being sent goes in one message, and identical events of one topic in a batch are sent once
 * (subscribers reload from the database, so a second identical event adds nothing). Redis pub/sub
 * keeps nothing for a node that is not listening: when the subscription comes back after an
 * interruption, this node drops its caches and tells its views to resync from the database.
 */
public final class ClusterTopicHub implements TopicHub, ResyncSignal, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ClusterTopicHub.class);
    /** Events in one message at most, so a burst never makes one huge payload. */
    static final int MAX_BATCH = 500;

    private final InProcessTopicHub local;
    private final String node;
    private final String channel;
    private final EventCodec codec;
    private final StatefulRedisConnection<String, String> sending;
    private final StatefulRedisPubSubConnection<String, String> listening;
    private final Queue<EventCodec.WireEvent> outbox = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean draining = new AtomicBoolean();
    private final ExecutorService sender = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "cluster-hub-sender");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean subscribedOnce = new AtomicBoolean();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong resyncs = new AtomicLong();

    public ClusterTopicHub(InProcessTopicHub local, RedisClient redis, String channel, String node) {
        this.local = local;
        this.node = node;
        this.channel = channel;
        this.codec = new EventCodec(ClusterTopicHub.class.getClassLoader());
        this.sending = redis.connect();
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
                    resyncs.incrementAndGet();
                    local.resync();
                }
            }
        });
        // Named, so that an operator (or a test) can tell which node's subscription this is.
        listening.sync().clientSetname(channel + ":" + node);
        listening.sync().subscribe(channel);
    }

    @Override
    public <E> void publish(Topic<E> topic, E event) {
        local.publish(topic, event);
        outbox.add(new EventCodec.WireEvent(topic.name(), event));
        if (draining.compareAndSet(false, true)) {
            try {
                sender.execute(this::drain);
            } catch (java.util.concurrent.RejectedExecutionException closed) {
                draining.set(false);
            }
        }
    }

    private void drain() {
        try {
            while (!outbox.isEmpty()) {
                Set<EventCodec.WireEvent> batch = new LinkedHashSet<>();
                EventCodec.WireEvent next;
                while (batch.size() < MAX_BATCH && (next = outbox.poll()) != null) {
                    batch.add(next);
                }
                send(new ArrayList<>(batch));
            }
        } finally {
            draining.set(false);
            // An event added after the loop's last look but before the flag dropped is sent now.
            if (!outbox.isEmpty() && draining.compareAndSet(false, true)) {
                sender.execute(this::drain);
            }
        }
    }

    private void send(List<EventCodec.WireEvent> batch) {
        String message;
        try {
            message = codec.encode(node, batch);
        } catch (RuntimeException e) {
            log.error("Could not encode {} events for the other nodes", batch.size(), e);
            return;
        }
        // Not waiting: while Redis is unreachable Lettuce keeps commands queued (bounded) and sends
        // them on reconnect; the other nodes resynchronise anyway when their subscription returns.
        sending.async().publish(channel, message).whenComplete((receivers, failure) -> {
            if (failure != null) {
                log.warn("Could not send {} events to the other nodes: {}", batch.size(), failure.toString());
            } else {
                sent.addAndGet(batch.size());
            }
        });
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
        return sent.get();
    }

    public long received() {
        return received.get();
    }

    public long resyncs() {
        return resyncs.get();
    }

    /** Events waiting to be delivered on this node or sent to the others. */
    public int backlog() {
        return local.backlog() + outbox.size();
    }

    @Override
    public void close() {
        sender.shutdown();
        try {
            listening.close();
            sending.close();
        } finally {
            local.close();
        }
    }
}
