package org.academy.base.push;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.stream.Collectors;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub for one node. Delivery runs on the hub's own threads: a single scheduler decides
 * when a subscriber is due, and each delivery runs on a virtual thread, because a listener
 * that enters a Vaadin session may wait for the session lock and must not stall the others.
 * <p>
 * Coalescing adapts (decision 15): an idle subscriber (nothing in flight, no delivery started in
 * the last {@code minInterval}) gets an event at once; a busy one collects events until its batch
 * in flight is done and then gets them together, no sooner than {@code minInterval} after its
 * previous start. While deliveries wait for a slot (the server is saturated) the gap grows with
 * that wait, up to {@code maxInterval}, and counts from the end of the view's previous batch: under
 * load a view gets fewer, larger batches instead of queuing one push per event. With both equal it
 * is the old fixed interval, counted from the end of the previous batch.
 */
public final class InProcessTopicHub implements TopicHub, ResyncSignal, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(InProcessTopicHub.class);

    /** Runs a task after a delay: the hub's scheduler, or a hand-driven clock in tests. */
    interface Timer {
        void schedule(Runnable task, long delayNanos);
    }

    private final long minGapNanos;
    private final long maxGapNanos;
    /** A batch not done after this long (a UI whose lock is held elsewhere) no longer holds its subscriber back. */
    private final long busyAtMostNanos;
    private final int maxPending;
    private final Map<String, Set<Sub<?>>> topics = new ConcurrentHashMap<>();
    private final LongSupplier clock;
    private final Timer timer;
    private final Executor deliverer;
    private final ScheduledExecutorService ownScheduler;
    private final ExecutorService ownDeliverer;
    private final Semaphore running;
    /** Smoothed time from a batch being queued to being done in its view: how saturated delivery is. */
    private final AtomicLong lagNanos = new AtomicLong();
    /** Pushes a second the busy topics of this node may cost together (0: no limit); see {@link #pushBudget(int)}. */
    private volatile int pushBudget;
    /** When each topic with subscribers last had an event: a topic quiet for a second no longer shares the budget. */
    private final Map<String, Long> publishedAt = new ConcurrentHashMap<>();
    /** Views of the topics busy in the last second, counted at most every {@link #BUSY_RECOUNT_NANOS}. */
    private volatile int busyViews;
    private volatile long busyCountedAt;
    private volatile boolean busyCounted;
    private static final long BUSY_NANOS = 1_000_000_000L;
    private static final long BUSY_RECOUNT_NANOS = 100_000_000L;
    private final Set<Runnable> resyncListeners = ConcurrentHashMap.newKeySet();
    private volatile Supplier<? extends Collection<TopicHook>> hookSource = List::of;
    private volatile Map<String, List<TopicHook>> hooks;
    private final HubMetrics metrics = new HubMetrics(this);

    public InProcessTopicHub(Duration coalescingInterval, int maxPending) {
        this(coalescingInterval, maxPending, 16);
    }

    /** A fixed interval: at most one delivery per interval to one subscriber, however idle. */
    public InProcessTopicHub(Duration coalescingInterval, int maxPending, int concurrency) {
        this(coalescingInterval, coalescingInterval, maxPending, concurrency);
    }

    /**
     * @param minInterval shortest time between the starts of two deliveries to one subscriber
     * @param maxInterval the longest that gap grows to while the server is saturated
     * @param maxPending  events kept for one subscriber between deliveries; past it the
     *                    oldest are dropped (a subscriber that far behind reloads anyway)
     * @param concurrency deliveries running at once; the rest wait their turn. Listeners
     *                    reload from services, and a thousand of them at once would only
     *                    queue for the same few CPU cores and database connections.
     */
    public InProcessTopicHub(Duration minInterval, Duration maxInterval, int maxPending, int concurrency) {
        this(minInterval, maxInterval, maxPending, concurrency, System::nanoTime, null, null);
    }

    /** With a clock, timer and executor of the caller's (tests drive them by hand). */
    InProcessTopicHub(Duration minInterval, Duration maxInterval, int maxPending, int concurrency,
                      LongSupplier clock, Timer timer, Executor deliverer) {
        if (maxInterval.compareTo(minInterval) < 0) {
            throw new IllegalArgumentException("The longest coalescing interval is shorter than the shortest");
        }
        this.minGapNanos = minInterval.toNanos();
        this.maxGapNanos = maxInterval.toNanos();
        this.busyAtMostNanos = Math.max(4 * maxGapNanos, Duration.ofSeconds(1).toNanos());
        this.maxPending = maxPending;
        this.running = new Semaphore(concurrency);
        this.clock = clock;
        if (timer == null) {
            ownScheduler = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "topic-hub-scheduler");
                t.setDaemon(true);
                return t;
            });
            this.timer = (task, delay) -> ownScheduler.schedule(task, delay, TimeUnit.NANOSECONDS);
        } else {
            ownScheduler = null;
            this.timer = timer;
        }
        if (deliverer == null) {
            ownDeliverer = Executors.newVirtualThreadPerTaskExecutor();
            this.deliverer = ownDeliverer;
        } else {
            ownDeliverer = null;
            this.deliverer = deliverer;
        }
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
        long now = clock.getAsLong();
        publishedAt.put(topic.name(), now);
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
            } catch (RejectedExecutionException shutDown) {
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
        return subscribeAsync(topic, batch -> {
            listener.accept(batch);
            return null;
        });
    }

    @Override
    public <E> Subscription subscribeAsync(Topic<E> topic, Function<List<E>, ? extends CompletionStage<?>> listener) {
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

    /**
     * The gap between the starts of two deliveries to one subscriber now: the shortest while a batch
     * is done in its view soon after it is queued, twice the current lag when the server is busy (a
     * push sooner would only queue behind the others; twice leaves half of the time between rounds
     * to the clicks that make the changes), never more than the longest.
     * <p>
     * The lag counts from queueing to done in the view, not only the wait for a delivery slot: a
     * delivery hands its batch to the view's UI, and with many views the time goes in their session
     * locks and push writes. Measured with 500 participants (docs/performance.md): with the slot wait
     * alone the gap stayed short, each view got 13 pushes a second and p99 was 2.3 s.
     */
    long gapNanos() {
        return gapNanos(1);
    }

    /**
     * Views of all topics that had an event in the last second, on this node: what shares the push budget. Counted
     * again at most every 100 ms (a walk over the topics), so that a thousand views deciding their gap cost one count.
     */
    int busyViews() {
        long now = clock.getAsLong();
        if (busyCounted && now - busyCountedAt < BUSY_RECOUNT_NANOS) {
            return busyViews;
        }
        int views = 0;
        for (Map.Entry<String, Long> e : publishedAt.entrySet()) {
            Set<Sub<?>> subs = topics.get(e.getKey());
            if (subs == null) {
                publishedAt.remove(e.getKey(), e.getValue());
            } else if (now - e.getValue() < BUSY_NANOS) {
                views += subs.size();
            }
        }
        busyViews = views;
        busyCountedAt = now;
        busyCounted = true;
        return views;
    }

    /** The gap for one of {@code subscribers} views sharing the push budget: the lag rule, and the budget's share. */
    long gapNanos(int subscribers) {
        int budget = pushBudget;
        long budgetGap = budget > 0 ? subscribers * 1_000_000_000L / budget : 0;
        return Math.clamp(Math.max(2 * lagNanos.get(), budgetGap), minGapNanos, maxGapNanos);
    }

    /**
     * Spaces the deliveries of busy topics so that, together, the views of this node cost at most about
     * {@code perSecond} pushes a second (each view still gets one at least every longest interval): ten
     * sessions of a hundred on one node share it as one of a thousand would.
     * Measured on 2 cores (docs/performance.md, issue 15): at 500 participants on one poll the lag rule
     * alone let 13.8 pushes per view per second through (6,900 a second, 1.5 cores) and p99 rose to
     * 2.7 s, because a push's serialisation and write happen after the view's update is done, where
     * the hub cannot see them. 0 switches the budget off.
     */
    public InProcessTopicHub pushBudget(int perSecond) {
        if (perSecond < 0) {
            throw new IllegalArgumentException("academy.push.budget must not be negative");
        }
        this.pushBudget = perSecond;
        return this;
    }

    /** A batch took this long from queued to done; smoothed over the last few dozen. */
    void lagged(long nanos) {
        lagNanos.accumulateAndGet(nanos, (avg, sample) -> avg + (sample - avg) / 16);
    }

    @Override
    public void close() {
        resyncListeners.clear();
        if (ownScheduler != null) {
            ownScheduler.shutdownNow();
        }
        if (ownDeliverer != null) {
            ownDeliverer.shutdownNow();
        }
        topics.clear();
    }

    private enum State {
        /** Nothing pending or in flight. */
        IDLE,
        /** Events pending, a delivery is due later (the timer is set). */
        WAITING,
        /** A delivery is queued, running, or its batch not yet done; events pending meanwhile wait for it. */
        BUSY
    }

    private final class Sub<E> {
        private final String topic;
        private final Object lock = new Object();
        private volatile Function<List<E>, ? extends CompletionStage<?>> listener;
        // Guarded by lock.
        private List<E> pending = new ArrayList<>();
        /** When the oldest pending event was published; guarded by lock. */
        private long oldestNanos;
        private State state = State.IDLE;
        /** Counts deliveries; the one in flight is {@code delivery} until it is done. */
        private long delivery;
        private boolean inFlight;
        private boolean overflowWarned;
        private long lastStartNanos;
        private long lastEndNanos;
        private boolean startedOnce;

        Sub(String topic, Function<List<E>, ? extends CompletionStage<?>> listener) {
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
                if (state == State.IDLE) {
                    planLocked();
                }
            }
        }

        /** Events are pending and nothing is in flight: deliver now if the gap has passed, else set the timer. */
        private void planLocked() {
            long now = clock.getAsLong();
            long wait = startedOnce ? dueLocked() - now : 0;
            if (wait <= 0) {
                dispatchLocked();
                return;
            }
            state = State.WAITING;
            try {
                timer.schedule(this::due, wait);
            } catch (RejectedExecutionException shutDown) {
                state = State.IDLE;
            }
        }

        /**
         * The short window counts from the previous start. While deliveries queue for a slot, the
         * longer gap counts from the end of the previous batch, as the fixed interval always did:
         * a view whose update just ran waits its turn again instead of rejoining the queue at once
         * (measured: at 1,000 views, counting from the start doubled p99).
         */
        private long dueLocked() {
            Set<Sub<?>> views = topics.get(topic);
            // The budget is the node's: the views of every busy topic share it, this topic's at least.
            long gap = gapNanos(Math.max(views == null ? 1 : views.size(), busyViews()));
            long due = lastStartNanos + minGapNanos;
            if (gap > minGapNanos || minGapNanos == maxGapNanos) {
                due = Math.max(due, lastEndNanos + gap);
            }
            return due;
        }

        private void due() {
            synchronized (lock) {
                if (state == State.WAITING) {
                    dispatchLocked();
                }
            }
        }

        private void dispatchLocked() {
            state = State.BUSY;
            long queuedAt = clock.getAsLong();
            try {
                deliverer.execute(() -> deliver(queuedAt));
            } catch (RejectedExecutionException shutDown) {
                state = State.IDLE;
            }
        }

        private void deliver(long queuedAt) {
            try {
                running.acquire();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                synchronized (lock) {
                    state = State.IDLE;
                }
                return;
            }
            try {
                deliverNow(queuedAt);
            } finally {
                running.release();
            }
        }

        private void deliverNow(long queuedAt) {
            List<E> batch;
            Function<List<E>, ? extends CompletionStage<?>> target;
            long oldest;
            long number;
            synchronized (lock) {
                batch = pending;
                oldest = oldestNanos;
                pending = new ArrayList<>();
                target = listener;
                overflowWarned = false;
                lastStartNanos = clock.getAsLong();
                startedOnce = true;
                number = ++delivery;
                inFlight = true;
            }
            if (target == null || batch.isEmpty()) {
                done(number);
                return;
            }
            CompletionStage<?> stage;
            try {
                stage = target.apply(List.copyOf(batch));
            } catch (RuntimeException e) {
                log.warn("Subscriber of {} failed on {} events", topic, batch.size(), e);
                done(number);
                return;
            }
            if (stage == null || (stage instanceof Future<?> f && f.isDone())) {
                metrics.delivered(clock.getAsLong() - oldest);
                lagged(clock.getAsLong() - queuedAt);
                done(number);
                return;
            }
            stage.whenComplete((result, failure) -> {
                metrics.delivered(clock.getAsLong() - oldest);
                lagged(clock.getAsLong() - queuedAt);
                done(number);
            });
            try {
                timer.schedule(() -> done(number), busyAtMostNanos);
            } catch (RejectedExecutionException shutDown) {
                // Closing: nothing more will be delivered anyway.
            }
        }

        /** The batch of delivery {@code number} is done (or took too long): what came meanwhile is next. */
        private void done(long number) {
            synchronized (lock) {
                if (number != delivery || !inFlight) {
                    return;
                }
                inFlight = false;
                lastEndNanos = clock.getAsLong();
                if (!pending.isEmpty() && listener != null) {
                    planLocked();
                } else {
                    state = State.IDLE;
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
