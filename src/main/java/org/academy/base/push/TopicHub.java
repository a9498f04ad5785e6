package org.academy.base.push;

import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Fan-out of committed domain events to whoever is watching, typically views.
 * <p>
 * Contract every implementation keeps, so that views never need to know which one runs:
 * <ul>
 *   <li>{@link #publish} never blocks on subscribers and never calls them on the caller's thread;</li>
 *   <li>a subscriber gets events in publication order, in batches, never two batches at once;</li>
 *   <li>bursts are coalesced: while a subscriber is busy (its previous batch not yet done) or was
 *       called a moment ago, events wait and go out together in its next call; an idle subscriber
 *       is called at once (decision 15);</li>
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

    /**
     * Like {@link #subscribe}, for a listener whose work ends later than its call returns (a view's
     * update queued to its UI): the subscriber counts as busy, and its events are coalesced, until
     * the returned stage completes. A stage that never completes holds it back only for a while.
     */
    default <E> Subscription subscribeAsync(Topic<E> topic, Function<List<E>, ? extends CompletionStage<?>> listener) {
        return subscribe(topic, listener::apply);
    }

    /** Live subscriptions on this node, for monitoring and leak tests. */
    int subscriptionCount();
}
