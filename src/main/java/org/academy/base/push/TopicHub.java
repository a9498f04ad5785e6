package org.academy.base.push;

import java.util.List;
import java.util.function.Consumer;

/**
 * Fan-out of committed domain events to whoever is watching, typically views.
 * <p>
 * Contract every implementation keeps, so that views never need to know which one runs:
 * <ul>
 *   <li>{@link #publish} never blocks on subscribers and never calls them on the caller's thread;</li>
 *   <li>a subscriber gets events in publication order, in batches, never two batches at once;</li>
 *   <li>bursts are coalesced: a subscriber is called at most once per coalescing interval,
 *       with every event published since its previous call;</li>
 *   <li>the hub holds no reference to UI objects beyond the listener it was handed, and drops
 *       that on {@link Subscription#close()}.</li>
 * </ul>
 * Publish only what is committed: callers publish from after-commit listeners.
 * A cross-node transport implements this interface too (publish locally and to the wire,
 * deliver what arrives from the wire), without touching views.
 */
public interface TopicHub {

    <E> void publish(Topic<E> topic, E event);

    <E> Subscription subscribe(Topic<E> topic, Consumer<List<E>> listener);

    /** Live subscriptions on this node, for monitoring and leak tests. */
    int subscriptionCount();
}
