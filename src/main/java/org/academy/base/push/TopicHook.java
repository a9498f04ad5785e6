package org.academy.base.push;

import java.util.function.Consumer;

/**
 * Work that must happen on every node before the subscribers of a kind of topic hear of an event,
 * typically dropping a cache the event makes stale (a session's poll snapshot, its membership
 * entries). The hub runs it when the event is published on this node and when it arrives from
 * another node, so a cache is invalidated by the same event that makes the views reload, wherever
 * it was committed: never by a local side channel that a remote event would bypass.
 * <p>
 * Hooks run on the publishing thread (or the transport's receiving thread) before the event is
 * queued for any subscriber, so keep them cheap and non-blocking. Declare them as Spring beans;
 * the hub finds them by itself.
 */
public interface TopicHook {

    /** The kind of topic watched: a topic's name up to its first ':' ({@code "session-polls"}). */
    String kind();

    /** An event of that kind is about to be delivered on this node. */
    void beforeDelivery(Topic<?> topic, Object event);

    /**
     * This node may have missed events (the cross-node transport was interrupted): drop
     * everything the missed events could have made stale.
     */
    default void resync() {
    }

    /** The kind of a topic name: everything before its first ':'. */
    static String kindOf(String topicName) {
        int colon = topicName.indexOf(':');
        return colon < 0 ? topicName : topicName.substring(0, colon);
    }

    /** A hook for events of one type on one kind of topic; events of other types are ignored. */
    static <E> TopicHook of(String kind, Class<E> type, Consumer<? super E> beforeDelivery, Runnable resync) {
        return new TopicHook() {
            @Override
            public String kind() {
                return kind;
            }

            @Override
            public void beforeDelivery(Topic<?> topic, Object event) {
                if (type.isInstance(event)) {
                    beforeDelivery.accept(type.cast(event));
                }
            }

            @Override
            public void resync() {
                resync.run();
            }
        };
    }
}
