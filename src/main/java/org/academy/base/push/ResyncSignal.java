package org.academy.base.push;

/**
 * Told when this node may have missed events from other nodes (the transport reconnected after a
 * blip or a restart of its server). Listeners rebuild what they show from the database, which is
 * the source of truth; a single node never misses events and never signals.
 */
public interface ResyncSignal {

    /** Calls {@code listener} (on a hub thread) after every interruption; closing the handle stops it. */
    Subscription onResync(Runnable listener);
}
