package org.academy.livesession;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import java.time.Duration;

import org.academy.base.SharedPresence;
import org.academy.base.push.Topic;
import org.academy.base.push.TopicHook;
import org.academy.base.push.TopicHub;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * Who is in which live session right now, on this node: counted per person, so several tabs are
 * one person, and a person leaves when their last view of the session detaches (closed tab,
 * navigation, expired session). Kept in memory on purpose: presence changes constantly and must
 * not write to the database on every join; attendance is persisted separately, once per person.
 * <p>
 * Not a cache: an entry is a person who is here, removed when their last view leaves (Vaadin
 * detaches the views of a vanished browser when its UI expires), and a session's entry goes with
 * its last person. So the map holds only open views; bounding it by size or age would drop
 * people who are still present.
 * <p>
 * With several nodes, each node still counts its own views here, and tells the shared store
 * ({@link SharedPresence}) when a person arrives on or leaves this node; who is present is then the
 * store's answer, and the version moves with every presence event of the session, from any node
 * (this class is a hook on the session topic).
 */
@Component
class SessionPresence implements TopicHook {

    /**
     * The people of one session (views per person), changed only inside the map's compute; what
     * readers need is republished as immutable values, so the many reads on every push take no lock.
     */
    private static final class Room {
        final Map<Long, Integer> views = new HashMap<>();
        volatile long version;
        volatile Set<Long> people = Set.of();

        void changed(long newVersion) {
            version = newVersion;
            people = Set.copyOf(views.keySet());
        }
    }

    private final Map<Long, Room> sessions = new ConcurrentHashMap<>();
    /** One sequence for all sessions: a room emptied and filled again never repeats a version. */
    private final AtomicLong versions = new AtomicLong();
    /** With several nodes: who is here comes from the shared store, and versions from presence events. */
    private final SharedPresence shared;
    private final Cache<Long, Long> clusterVersions = Caffeine.newBuilder()
            .maximumSize(100_000).expireAfterAccess(Duration.ofMinutes(10)).build();

    SessionPresence(ObjectProvider<SharedPresence> shared, ObjectProvider<TopicHub> hub, JdbcClient jdbc) {
        this.shared = shared.getIfAvailable();
        if (this.shared != null) {
            // People whose node died leave as if they had closed their tabs.
            this.shared.onDeparted("session", (room, people) ->
                    presenceChanged(Long.parseLong(room.substring(room.indexOf(':') + 1)), hub, jdbc));
            // This node was taken for dead and its people removed: they are here all along.
            this.shared.onRejoined(() -> {
                for (Long sessionId : sessions.keySet()) {
                    // Inside the room's compute: a person leaving meanwhile is not announced after their departure.
                    sessions.computeIfPresent(sessionId, (k, room) -> {
                        room.views.keySet().forEach(userId -> this.shared.arrived(room(sessionId), userId));
                        return room;
                    });
                    presenceChanged(sessionId, hub, jdbc);
                }
            });
        }
    }

    private static void presenceChanged(long sessionId, ObjectProvider<TopicHub> hub, JdbcClient jdbc) {
        jdbc.sql("select cohort_id from live_session where id = ?").param(sessionId).query(Long.class).optional()
                .ifPresent(cohortId -> hub.getObject().publish(SessionTopics.session(sessionId),
                        new SessionEvent(sessionId, cohortId, SessionEvent.Kind.PRESENCE)));
    }

    private static String room(long sessionId) {
        return "session:" + sessionId;
    }

    /** A presence event, from this node or another: what was cached for the old version is stale. */
    @Override
    public String kind() {
        return SessionTopics.KIND;
    }

    @Override
    public void beforeDelivery(Topic<?> topic, Object event) {
        if (shared != null && event instanceof SessionEvent e && e.kind() == SessionEvent.Kind.PRESENCE) {
            clusterVersions.put(e.sessionId(), versions.incrementAndGet());
        }
    }

    @Override
    public void resync() {
        clusterVersions.invalidateAll();
    }

    /**
     * Changes whenever someone arrives in or leaves the session: a key for caching who is there.
     * 0 means nobody is there.
     */
    long version(long sessionId) {
        if (shared != null) {
            return clusterVersions.get(sessionId, k -> versions.incrementAndGet());
        }
        Room room = sessions.get(sessionId);
        return room == null ? 0 : room.version;
    }

    /** @return true if this made the person present (their first view of the session) */
    boolean enter(long sessionId, long userId) {
        boolean[] first = {false};
        sessions.compute(sessionId, (k, room) -> {
            Room r = room != null ? room : new Room();
            first[0] = r.views.merge(userId, 1, Integer::sum) == 1;
            if (first[0]) {
                r.changed(versions.incrementAndGet());
            }
            return r;
        });
        if (first[0] && shared != null) {
            shared.arrived(room(sessionId), userId);
        }
        return first[0];
    }

    /** @return true if the person is no longer present (that was their last view) */
    boolean leave(long sessionId, long userId) {
        boolean[] gone = {false};
        sessions.computeIfPresent(sessionId, (k, room) -> {
            Integer views = room.views.get(userId);
            if (views == null) {
                return room;
            }
            if (views > 1) {
                room.views.put(userId, views - 1);
            } else {
                room.views.remove(userId);
                gone[0] = true;
                room.changed(versions.incrementAndGet());
            }
            return room.views.isEmpty() ? null : room;
        });
        if (gone[0] && shared != null) {
            shared.departed(room(sessionId), userId);
        }
        return gone[0];
    }

    Set<Long> present(long sessionId) {
        if (shared != null) {
            return shared.present(room(sessionId));
        }
        Room room = sessions.get(sessionId);
        return room == null ? Set.of() : room.people;
    }

    /** Views open across all sessions, for leak tests and monitoring. */
    int openViews() {
        int[] n = {0};
        for (Long id : sessions.keySet()) {
            sessions.computeIfPresent(id, (k, room) -> {
                n[0] += room.views.values().stream().mapToInt(Integer::intValue).sum();
                return room;
            });
        }
        return n[0];
    }

    /** Sessions with someone present, for leak tests and monitoring. */
    int sessionsHeld() {
        return sessions.size();
    }
}
