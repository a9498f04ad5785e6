package org.academy.base.push;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.stream.Collectors;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub for one node. Delivery runs on the hub's own threads: a single scheduler decides
 * when a subscriber is due, and each delivery runs on a virtual thread, because a listener
 * that enters a Vaadin session may wait for the session lock and must not stall the others.
 */
public final class InProcessTopicHub implements TopicHub, ResyncSignal, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(InProcessTopicHub.class);

    private final long intervalNanos;
    private final int maxPending;
    private final Map<String, Set<Sub<?>>> topics = new ConcurrentHashMap<>();
    private final ScheduledExecutorService scheduler;
    private final ExecutorService deliverer = Executors.newVirtualThreadPerTaskExecutor();
    private final java.util.concurrent.Semaphore running;
    private final Set<Runnable> resyncListeners = ConcurrentHashMap.newKeySet();
    private volatile Supplier<? extends Collection<TopicHook>> hookSource = List::of;
    private volatile Map<String, List<TopicHook>> hooks;
    private final HubMetrics metrics = new HubMetrics(this);

    public InProcessTopicHub(Duration coalescingInterval, int maxPending) {
        this(coalescingInterval, maxPending, 16);
    }

    /**
     * @param coalescingInterval shortest time between two deliveries to one subscriber
     * @param maxPending         events kept for one subscriber between deliveries; past it the
     *                           oldest are dropped (a subscriber that far behind reloads anyway)
     * @param concurrency        deliveries running at once; the rest wait their turn. Listeners
     *                           reload from services, and a thousand of them at once would only
     *                           queue for the same few CPU cores and database connections.
     */
    public InProcessTopicHub(Duration coalescingInterval, int maxPending, int concurrency) {
        this.intervalNanos = coalescingInterval.toNanos();
        this.maxPending = maxPending;
        this.running = new java.util.concurrent.Semaphore(concurrency);
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "topic-hub-scheduler");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Where the {@link TopicHook}s come from; asked once, at the first event (hooks are beans that
     * may be created after the hub).
     */
    public void hooks(Supplier<? extends Collection<TopicHook>> source) {
        this.hookSource = source;
        this.hooks = null;
    }

    @Override
    public <E> void publish(Topic<E> topic, E event) {
        runHooks(topic, event);
        metrics.published();
        Set<Sub<?>> subs = topics.get(topic.name());
        if (subs == null) {
            return;
        }
        long now = System.nanoTime();
        for (Sub<?> sub : subs) {
            @SuppressWarnings("unchecked")
            Sub<E> typed = (Sub<E>) sub;
            typed.offer(event, now);
        }
    }

    private void runHooks(Topic<?> topic, Object event) {
        List<TopicHook> forKind = hooks().getOrDefault(TopicHook.kindOf(topic.name()), List.of());
        for (TopicHook hook : forKind) {
            try {
                hook.beforeDelivery(topic, event);
            } catch (RuntimeException e) {
                log.warn("Hook of {} failed on {}", topic.name(), event, e);
            }
        }
    }

    private Map<String, List<TopicHook>> hooks() {
        Map<String, List<TopicHook>> known = hooks;
        if (known == null) {
            known = hookSource.get().stream().collect(Collectors.groupingBy(TopicHook::kind));
            hooks = known;
        }
        return known;
    }

    /**
     * Events may have been missed (the cross-node transport was interrupted): every hook drops what
     * they could have made stale, then every resync listener is told, on the hub's threads.
     */
    public void resync() {
        hooks().values().stream().flatMap(List::stream).forEach(hook -> {
            try {
                hook.resync();
            } catch (RuntimeException e) {
                log.warn("Hook of {} failed to resync", hook.kind(), e);
            }
        });
        for (Runnable listener : List.copyOf(resyncListeners)) {
            try {
                deliverer.execute(() -> {
                    try {
                        listener.run();
                    } catch (RuntimeException e) {
                        log.warn("A resync listener failed", e);
                    }
                });
            } catch (java.util.concurrent.RejectedExecutionException shutDown) {
                return;
            }
        }
    }

    @Override
    public Subscription onResync(Runnable listener) {
        resyncListeners.add(listener);
        return () -> resyncListeners.remove(listener);
    }

    /** Events waiting for their subscribers on this node, for monitoring. */
    public int backlog() {
        int n = 0;
        for (Set<Sub<?>> subs : topics.values()) {
            for (Sub<?> sub : subs) {
                n += sub.pendingCount();
            }
        }
        return n;
    }

    @Override
    public <E> Subscription subscribe(Topic<E> topic, Consumer<List<E>> listener) {
        Sub<E> sub = new Sub<>(topic.name(), listener);
        // Add inside compute: a concurrent close() of the last subscriber must not drop this one's set.
        topics.compute(topic.name(), (k, subs) -> {
            Set<Sub<?>> set = subs != null ? subs : ConcurrentHashMap.newKeySet();
            set.add(sub);
            return set;
        });
        return sub::close;
    }

    @Override
    public int subscriptionCount() {
        return topics.values().stream().mapToInt(Set::size).sum();
    }

    @Override
    public void close() {
        resyncListeners.clear();
        scheduler.shutdownNow();
        deliverer.shutdownNow();
        topics.clear();
    }

    private final class Sub<E> {
        private final String topic;
        private final Object lock = new Object();
        private volatile Consumer<List<E>> listener;
        // Guarded by lock.
        private List<E> pending = new ArrayList<>();
        /** When the oldest pending event was published; guarded by lock. */
        private long oldestNanos;
        private boolean scheduled;
        private boolean overflowWarned;
        private long lastDeliveryNanos = System.nanoTime() - intervalNanos;

        Sub(String topic, Consumer<List<E>> listener) {
            this.topic = topic;
            this.listener = listener;
        }

        int pendingCount() {
            synchronized (lock) {
                return pending.size();
            }
        }

        void offer(E event, long publishedNanos) {
            synchronized (lock) {
                if (listener == null) {
                    return;
                }
                if (pending.size() >= maxPending) {
                    pending.removeFirst();
                    if (!overflowWarned) {
                        overflowWarned = true;
                        log.warn("Subscriber of {} is {} events behind; dropping the oldest", topic, maxPending);
                    }
                }
                if (pending.isEmpty()) {
                    oldestNanos = publishedNanos;
                }
                pending.add(event);
                if (!scheduled) {
                    scheduled = true;
                    scheduleLocked();
                }
            }
        }

        private void scheduleLocked() {
            long delay = Math.max(0, lastDeliveryNanos + intervalNanos - System.nanoTime());
            try {
                scheduler.schedule(() -> deliverer.execute(this::deliver), delay, TimeUnit.NANOSECONDS);
            } catch (java.util.concurrent.RejectedExecutionException shutDown) {
                scheduled = false;
            }
        }

        private void deliver() {
            try {
                running.acquire();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            try {
                deliverNow();
            } finally {
                running.release();
            }
        }

        private void deliverNow() {
            List<E> batch;
            Consumer<List<E>> target;
            long oldest;
            synchronized (lock) {
                batch = pending;
                oldest = oldestNanos;
                pending = new ArrayList<>();
                target = listener;
                overflowWarned = false;
            }
            try {
                if (target != null && !batch.isEmpty()) {
                    target.accept(List.copyOf(batch));
                    metrics.delivered(System.nanoTime() - oldest);
                }
            } catch (RuntimeException e) {
                log.warn("Subscriber of {} failed on {} events", topic, batch.size(), e);
            } finally {
                synchronized (lock) {
                    lastDeliveryNanos = System.nanoTime();
                    if (!pending.isEmpty() && listener != null) {
                        scheduleLocked();
                    } else {
                        scheduled = false;
                    }
                }
            }
        }

        void close() {
            synchronized (lock) {
                listener = null;
                pending = new ArrayList<>();
            }
            topics.computeIfPresent(topic, (k, subs) -> {
                subs.remove(this);
                return subs.isEmpty() ? null : subs;
            });
        }
    }
}
