package org.academy.presence;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import org.academy.base.SharedPresence;
import org.academy.base.push.Topic;
import org.academy.base.push.TopicHook;
import org.academy.base.push.TopicHub;
import org.springframework.beans.factory.annotation.Autowired;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import jakarta.annotation.PreDestroy;

/**
 * Who is online in which cohort, on this node, in memory. Each open view registers and pings
 * (every few seconds, through the browser's poll); a person is online while any of their views
 * is, so several tabs are one person. A view that stops pinging, because its browser vanished
 * without a goodbye, expires after {@code academy.presence.timeout}. "Last seen" is written to
 * the database once, when a person's last view goes: never per ping.
 * <p>
 * Not a cache, so not bounded by size or age: an entry is an open view, removed when it leaves or
 * stops pinging (the sweep), and a cohort's entry goes with its last person. Dropping entries for
 * any other reason would show people offline who are there.
 * <p>
 * With several nodes each node counts its own views here and tells the shared store
 * ({@link SharedPresence}) when a person comes online or goes on this node; who is online is the
 * store's answer, and the version moves with every presence event of the cohort from any node.
 */
@Component
class CohortPresence implements TopicHook {

    private record View(long cohortId, long userId, AtomicLong lastPing) {
    }

    /**
     * Who of one cohort is online (views per person), changed only inside the map's compute; the
     * set and its version are republished as values, so the reads on every push take no lock.
     */
    private static final class Room {
        final Map<Long, Integer> views = new HashMap<>();
        volatile long version;
        volatile Set<Long> people = Set.of();

        void changed(long newVersion) {
            people = Set.copyOf(views.keySet());
            version = newVersion;
        }
    }

    private final Map<Long, View> views = new ConcurrentHashMap<>();
    private final Map<Long, Room> online = new ConcurrentHashMap<>();
    /** One sequence for all cohorts: a cohort that empties and fills again never repeats a version. */
    private final AtomicLong versions = new AtomicLong();
    private final AtomicLong ids = new AtomicLong();
    private final long timeoutNanos;
    private final JdbcClient jdbc;
    private final TopicHub hub;
    private final Clock clock;
    private final ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "presence-sweeper");
        t.setDaemon(true);
        return t;
    });

    /** With several nodes: who is online comes from the shared store, and versions from presence events. */
    private final SharedPresence shared;
    private final Cache<Long, Long> clusterVersions = Caffeine.newBuilder()
            .maximumSize(100_000).expireAfterAccess(Duration.ofMinutes(10)).build();

    CohortPresence(JdbcClient jdbc, TopicHub hub, Clock clock,
                   @Value("${academy.presence.timeout:12s}") Duration timeout) {
        this(jdbc, hub, clock, timeout, null);
    }

    @Autowired
    CohortPresence(JdbcClient jdbc, TopicHub hub, Clock clock,
                   @Value("${academy.presence.timeout:12s}") Duration timeout,
                   @Autowired(required = false) SharedPresence shared) {
        this.shared = shared;
        if (shared != null) {
            // People whose node died go offline as if their views had stopped pinging.
            shared.onDeparted("cohort", (room, people) -> {
                long cohortId = Long.parseLong(room.substring(room.indexOf(':') + 1));
                people.forEach(userId -> {
                    writeLastSeen(cohortId, userId);
                    changed(cohortId, userId, false);
                });
            });
            // This node was taken for dead and its people removed: they are online here all along.
            shared.onRejoined(() -> {
                for (Long cohortId : online.keySet()) {
                    Set<Long> announced = new java.util.HashSet<>();
                    // Inside the room's compute: a person going offline meanwhile is not announced after it.
                    online.computeIfPresent(cohortId, (k, room) -> {
                        room.views.keySet().forEach(userId -> shared.arrived(room(cohortId), userId));
                        announced.addAll(room.views.keySet());
                        return room;
                    });
                    announced.forEach(userId -> changed(cohortId, userId, true));
                }
            });
        }
        this.jdbc = jdbc;
        this.hub = hub;
        this.clock = clock;
        this.timeoutNanos = timeout.toNanos();
        long sweepMillis = Math.max(500, timeout.toMillis() / 4);
        sweeper.scheduleWithFixedDelay(this::sweep, sweepMillis, sweepMillis, TimeUnit.MILLISECONDS);
    }

    long enter(long cohortId, long userId) {
        long id = ids.incrementAndGet();
        views.put(id, new View(cohortId, userId, new AtomicLong(System.nanoTime())));
        boolean[] first = {false};
        online.compute(cohortId, (k, room) -> {
            Room r = room != null ? room : new Room();
            first[0] = r.views.merge(userId, 1, Integer::sum) == 1;
            if (first[0]) {
                r.changed(versions.incrementAndGet());
            }
            return r;
        });
        if (first[0]) {
            if (shared != null) {
                shared.arrived(room(cohortId), userId);
            }
            changed(cohortId, userId, true);
        }
        return id;
    }

    void ping(long viewId) {
        View view = views.get(viewId);
        if (view != null) {
            view.lastPing().set(System.nanoTime());
        }
    }

    void leave(long viewId) {
        View view = views.remove(viewId);
        if (view == null) {
            return;
        }
        boolean[] gone = {false};
        online.computeIfPresent(view.cohortId(), (k, room) -> {
            Integer n = room.views.get(view.userId());
            if (n == null) {
                return room;
            }
            if (n > 1) {
                room.views.put(view.userId(), n - 1);
            } else {
                room.views.remove(view.userId());
                gone[0] = true;
                // The version moves only once "last seen" is written (below): a list cached meanwhile
                // under the old version is replaced, never kept with the old time.
                room.people = Set.copyOf(room.views.keySet());
            }
            return room.views.isEmpty() ? null : room;
        });
        if (gone[0]) {
            if (shared != null) {
                shared.departed(room(view.cohortId()), view.userId());
            }
            writeLastSeen(view.cohortId(), view.userId());
            online.computeIfPresent(view.cohortId(), (k, room) -> {
                room.version = versions.incrementAndGet();
                return room;
            });
            changed(view.cohortId(), view.userId(), false);
        }
    }

    private void writeLastSeen(long cohortId, long userId) {
        jdbc.sql("""
                insert into cohort_presence (cohort_id, user_id, last_seen_at) values (?, ?, ?)
                on conflict (cohort_id, user_id) do update set last_seen_at = excluded.last_seen_at
                """).params(cohortId, userId, Timestamp.from(clock.instant())).update();
    }

    private static String room(long cohortId) {
        return "cohort:" + cohortId;
    }

    /** A presence event of the cohort, from this node or another: lists cached for the old version are stale. */
    @Override
    public String kind() {
        return PresenceTopics.KIND;
    }

    @Override
    public void beforeDelivery(Topic<?> topic, Object event) {
        if (shared != null && event instanceof PresenceChanged changed) {
            clusterVersions.put(changed.cohortId(), versions.incrementAndGet());
        }
    }

    @Override
    public void resync() {
        clusterVersions.invalidateAll();
    }

    Set<Long> online(long cohortId) {
        if (shared != null) {
            return shared.present(room(cohortId));
        }
        Room room = online.get(cohortId);
        return room == null ? Set.of() : room.people;
    }

    /**
     * Changes whenever someone of the cohort comes online or goes: a key for caching. 0 when nobody
     * is online; then no version is kept (the last-seen times have changed), so do not cache.
     */
    long version(long cohortId) {
        if (shared != null) {
            return clusterVersions.get(cohortId, k -> versions.incrementAndGet());
        }
        Room room = online.get(cohortId);
        return room == null ? 0 : room.version;
    }

    /** Cohorts with someone online, for leak tests and monitoring. */
    int cohortsHeld() {
        return online.size();
    }

    /** Open views on this node, for leak tests and monitoring. */
    int openViews() {
        return views.size();
    }

    void sweep() {
        long now = System.nanoTime();
        Set<Long> expired = views.entrySet().stream()
                .filter(e -> now - e.getValue().lastPing().get() > timeoutNanos)
                .map(Map.Entry::getKey).collect(Collectors.toSet());
        expired.forEach(this::leave);
    }

    private void changed(long cohortId, long userId, boolean isOnline) {
        hub.publish(PresenceTopics.cohort(cohortId), new PresenceChanged(cohortId, userId, isOnline));
    }

    @PreDestroy
    void stop() {
        sweeper.shutdownNow();
    }
}
