package org.academy.base.cluster;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Spaces this node's resyncs: the first runs at once; any asked for within {@code spacing} of the
 * last one are folded into one more at the end of that spacing. A resync rebuilds every view of the
 * node from the database, so a Redis that keeps losing messages would otherwise have every screen
 * rebuilt once per beat interval, adding load exactly when the system struggles. Events that arrive
 * meanwhile are delivered as usual; only what was lost waits, at most {@code spacing}.
 */
final class ResyncPacer implements AutoCloseable {

    /** Runs a task after a delay: a scheduler of its own, or a hand-driven clock in tests. */
    interface Timer {
        void schedule(Runnable task, long delayNanos);
    }

    private final long spacingNanos;
    private final Runnable resync;
    private final LongSupplier clock;
    private final Timer timer;
    private final ScheduledExecutorService ownScheduler;
    // Guarded by this.
    private boolean ranOnce;
    private long lastRun;
    private boolean pending;

    ResyncPacer(Duration spacing, Runnable resync) {
        this(spacing, resync, System::nanoTime, null);
    }

    ResyncPacer(Duration spacing, Runnable resync, LongSupplier clock, Timer timer) {
        if (spacing.isNegative()) {
            throw new IllegalArgumentException("academy.cluster.resync-spacing must not be negative, not " + spacing);
        }
        this.spacingNanos = spacing.toNanos();
        this.resync = resync;
        this.clock = clock;
        if (timer == null) {
            ownScheduler = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("cluster-resync").daemon().factory());
            this.timer = (task, delay) -> ownScheduler.schedule(task, delay, TimeUnit.NANOSECONDS);
        } else {
            ownScheduler = null;
            this.timer = timer;
        }
    }

    /** @return true if the resync ran now, false if it was folded into one at the end of the spacing */
    synchronized boolean request() {
        long now = clock.getAsLong();
        if (!ranOnce || now - lastRun >= spacingNanos) {
            run(now);
            return true;
        }
        if (!pending) {
            pending = true;
            try {
                timer.schedule(this::trailing, lastRun + spacingNanos - now);
            } catch (RejectedExecutionException closing) {
                pending = false;
            }
        }
        return false;
    }

    private synchronized void trailing() {
        pending = false;
        run(clock.getAsLong());
    }

    private void run(long now) {
        ranOnce = true;
        lastRun = now;
        resync.run();
    }

    @Override
    public void close() {
        if (ownScheduler != null) {
            ownScheduler.shutdownNow();
        }
    }
}
