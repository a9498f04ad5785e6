package org.academy.base;

import java.util.Set;
import java.util.function.BiConsumer;

/**
 * Who is present where, across nodes (Redis, when several nodes run). A node counts its own views
 * in memory and tells this store only when a person arrives in a room on this node (their first
 * view here) or leaves it (their last view here); the store answers who is present on any node
 * that is alive. A node that dies without saying goodbye is noticed by the others within the node
 * timeout, and its people leave: {@link #onDeparted} listeners of the room's kind are told, on one
 * node, so that they publish the change as they would for a person who left.
 * <p>
 * Rooms are named "kind:id" ("session:42", "cohort:7").
 */
public interface SharedPresence {

    void arrived(String room, long userId);

    void departed(String room, long userId);

    Set<Long> present(String room);

    /** Called with (room, people) when people of a room of this kind left because their node died. */
    void onDeparted(String kind, BiConsumer<String, Set<Long>> listener);

    /**
     * Called when this node had been taken for dead by the others (a pause longer than the node
     * timeout, a Redis that restarted empty), which removed its people: the listener announces its
     * people again ({@link #arrived} is idempotent) and publishes the change, as for arrivals.
     */
    void onRejoined(Runnable listener);
}
