package org.academy.base.push;

import java.util.Objects;

/**
 * A named stream of events of one type, e.g. "progress of cohort 42".
 * The type parameter is only carried by the compiler so that publishers and
 * subscribers of one topic agree on what flows through it.
 *
 * @param name stable key; equal names are the same topic on every node
 * @param <E>  the event type flowing through the topic
 */
public record Topic<E>(String name) {

    public Topic {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("A topic needs a name");
        }
    }

    /** A topic for one entity of a kind: {@code Topic.of("cohort-progress", 42)}. */
    public static <E> Topic<E> of(String kind, Object id) {
        return new Topic<>(kind + ":" + id);
    }
}
