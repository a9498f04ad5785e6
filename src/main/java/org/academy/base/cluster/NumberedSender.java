package org.academy.base.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;

/**
 * The sending half of {@link ClusterTopicHub}: events queue and leave in numbered batches (whatever
 * was published while the previous batch was being sent goes in one message, identical events of
 * one topic once); when nothing has left for a beat interval, a beat repeats the last number; on
 * close, a goodbye does. Batches, beats and the goodbye leave from one thread, in number order.
 */
final class NumberedSender implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(NumberedSender.class);
    /** Events in one message at most, so a burst never makes one huge payload. */
    static final int MAX_BATCH = 500;

    private final StatefulRedisConnection<String, String> connection;
    private final String channel;
    private final String node;
    private final long incarnation;
    private final long beatNanos;
    private final EventCodec codec;
    private final Queue<EventCodec.WireEvent> outbox = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean draining = new AtomicBoolean();
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "cluster-hub-sender");
        t.setDaemon(true);
        return t;
    });
    /** The number of this incarnation's last batch; taken before publishing, so a failed publish leaves a gap. */
    private final AtomicLong numbered = new AtomicLong();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicBoolean loseNextBatch = new AtomicBoolean();
    private volatile long lastSentNanos = System.nanoTime();

    NumberedSender(RedisClient redis, String channel, String node, long incarnation, Duration beatInterval, EventCodec codec) {
        if (beatInterval.toMillis() < 4) {
            throw new IllegalArgumentException("academy.cluster.beat-interval must be at least 4ms, not " + beatInterval);
        }
        this.connection = redis.connect();
        this.channel = channel;
        this.node = node;
        this.incarnation = incarnation;
        this.beatNanos = beatInterval.toNanos();
        this.codec = codec;
        // Looking four times an interval: an idle node beats between one and one and a quarter intervals after its last message.
        long tick = beatInterval.toMillis() / 4;
        thread.scheduleWithFixedDelay(this::beatIfIdle, tick, tick, TimeUnit.MILLISECONDS);
    }

    void send(EventCodec.WireEvent event) {
        outbox.add(event);
        if (draining.compareAndSet(false, true)) {
            try {
                thread.execute(this::drain);
            } catch (RejectedExecutionException closed) {
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
                publish(new ArrayList<>(batch));
            }
        } finally {
            draining.set(false);
            // An event added after the loop's last look but before the flag dropped is sent now.
            if (!outbox.isEmpty() && draining.compareAndSet(false, true)) {
                thread.execute(this::drain);
            }
        }
    }

    private void publish(List<EventCodec.WireEvent> batch) {
        // Taken whatever happens next: a batch that never leaves is a number the others see missing.
        long number = numbered.incrementAndGet();
        lastSentNanos = System.nanoTime();
        String message;
        try {
            message = codec.encode(node, new EventCodec.Mark(incarnation, number, EventCodec.Kind.BATCH), batch);
        } catch (RuntimeException e) {
            log.error("Could not encode {} events for the other nodes (batch {} will be missing there)", batch.size(), number, e);
            return;
        }
        if (loseNextBatch.compareAndSet(true, false)) {
            return;
        }
        // Not waiting: while Redis is unreachable Lettuce keeps commands queued (bounded) and sends
        // them on reconnect; a command that fails is a missing number to the other nodes.
        connection.async().publish(channel, message).whenComplete((receivers, failure) -> {
            if (failure != null) {
                log.warn("Could not send batch {} ({} events) to the other nodes, which will resynchronise on seeing it missing: {}",
                        number, batch.size(), failure.toString());
            } else {
                sent.addAndGet(batch.size());
            }
        });
    }

    /** "Still here, last number N", when nothing else has gone out for a beat interval; none while busy. */
    private void beatIfIdle() {
        long now = System.nanoTime();
        if (now - lastSentNanos < beatNanos) {
            return;
        }
        lastSentNanos = now;
        try {
            connection.async().publish(channel, mark(EventCodec.Kind.BEAT));
        } catch (RuntimeException e) {
            // A periodic task that throws is never run again.
            log.debug("Could not beat on {}: {}", channel, e.toString());
        }
    }

    private String mark(EventCodec.Kind kind) {
        return codec.encode(node, new EventCodec.Mark(incarnation, numbered.get(), kind), List.of());
    }

    /** After every batch queued before: so the others need not resync when this node returns. */
    private void sayGoodbye() {
        try {
            connection.async().publish(channel, mark(EventCodec.Kind.BYE)).get(1, TimeUnit.SECONDS);
        } catch (Exception e) {
            log.info("Could not say goodbye on {} ({}): the other nodes will resynchronise once when node {} returns",
                    channel, e.toString(), node);
        }
    }

    /** Events sent to the other nodes (their publish succeeded). */
    long sent() {
        return sent.get();
    }

    /** Events not yet sent. */
    int backlog() {
        return outbox.size();
    }

    /** The number of this incarnation's last batch. */
    long lastNumber() {
        return numbered.get();
    }

    /** Test seam: the next batch is numbered but never published, as when its publish fails. */
    void loseNextBatch() {
        loseNextBatch.set(true);
    }

    @Override
    public void close() {
        try {
            Future<?> bye = thread.submit(this::sayGoodbye);
            thread.shutdown();
            bye.get(2, TimeUnit.SECONDS);
        } catch (Exception closedAlreadyOrSlow) {
            thread.shutdown();
        } finally {
            connection.close();
        }
    }
}
