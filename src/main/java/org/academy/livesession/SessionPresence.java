package org.academy.livesession;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.stereotype.Component;

/**
 * Who is in which live session right now, on this node: counted per person, so several tabs are
 * one person, and a person leaves when their last view of the session detaches (closed tab,
 * navigation, expired session). Kept in memory on purpose: presence changes constantly and must
 * not write to the database on every join; attendance is persisted separately, once per person.
 */
@Component
class SessionPresence {

    private final Map<Long, Map<Long, AtomicInteger>> sessions = new ConcurrentHashMap<>();
    private final Map<Long, java.util.concurrent.atomic.AtomicLong> versions = new ConcurrentHashMap<>();

    /** Changes whenever someone arrives in or leaves the session: a key for caching who is there. */
    long version(long sessionId) {
        return versions.computeIfAbsent(sessionId, k -> new java.util.concurrent.atomic.AtomicLong()).get();
    }

    private void changed(long sessionId) {
        versions.computeIfAbsent(sessionId, k -> new java.util.concurrent.atomic.AtomicLong()).incrementAndGet();
    }

    /** @return true if this made the person present (their first view of the session) */
    boolean enter(long sessionId, long userId) {
        boolean[] first = {false};
        sessions.compute(sessionId, (k, people) -> {
            Map<Long, AtomicInteger> map = people != null ? people : new ConcurrentHashMap<>();
            map.compute(userId, (u, views) -> {
                if (views == null) {
                    first[0] = true;
                    return new AtomicInteger(1);
                }
                views.incrementAndGet();
                return views;
            });
            return map;
        });
        if (first[0]) {
            changed(sessionId);
        }
        return first[0];
    }

    /** @return true if the person is no longer present (that was their last view) */
    boolean leave(long sessionId, long userId) {
        boolean[] gone = {false};
        sessions.computeIfPresent(sessionId, (k, people) -> {
            people.computeIfPresent(userId, (u, views) -> {
                if (views.decrementAndGet() <= 0) {
                    gone[0] = true;
                    return null;
                }
                return views;
            });
            return people.isEmpty() ? null : people;
        });
        if (gone[0]) {
            changed(sessionId);
        }
        return gone[0];
    }

    Set<Long> present(long sessionId) {
        Map<Long, AtomicInteger> people = sessions.get(sessionId);
        return people == null ? Set.of() : Set.copyOf(people.keySet());
    }

    /** Views open across all sessions, for leak tests and monitoring. */
    int openViews() {
        return sessions.values().stream().flatMap(m -> m.values().stream()).mapToInt(AtomicInteger::get).sum();
    }
}
