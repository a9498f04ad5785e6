package org.academy.presence;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import org.academy.base.push.TopicHub;
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
 */
@Component
class CohortPresence {

    private record View(long cohortId, long userId, AtomicLong lastPing) {
    }

    private final Map<Long, View> views = new ConcurrentHashMap<>();
    private final Map<Long, Map<Long, Integer>> online = new ConcurrentHashMap<>();
    private final Map<Long, AtomicLong> versions = new ConcurrentHashMap<>();
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

    CohortPresence(JdbcClient jdbc, TopicHub hub, Clock clock,
                   @Value("${academy.presence.timeout:12s}") Duration timeout) {
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
        online.compute(cohortId, (k, people) -> {
            Map<Long, Integer> map = people != null ? people : new ConcurrentHashMap<>();
            map.merge(userId, 1, Integer::sum);
            first[0] = map.get(userId) == 1;
            return map;
        });
        if (first[0]) {
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
        online.computeIfPresent(view.cohortId(), (k, people) -> {
            people.computeIfPresent(view.userId(), (u, n) -> {
                if (n <= 1) {
                    gone[0] = true;
                    return null;
                }
                return n - 1;
            });
            return people.isEmpty() ? null : people;
        });
        if (gone[0]) {
            jdbc.sql("""
                    insert into cohort_presence (cohort_id, user_id, last_seen_at) values (?, ?, ?)
                    on conflict (cohort_id, user_id) do update set last_seen_at = excluded.last_seen_at
                    """).params(view.cohortId(), view.userId(), Timestamp.from(clock.instant())).update();
            changed(view.cohortId(), view.userId(), false);
        }
    }

    Set<Long> online(long cohortId) {
        Map<Long, Integer> people = online.get(cohortId);
        return people == null ? Set.of() : Set.copyOf(people.keySet());
    }

    long version(long cohortId) {
        return versions.computeIfAbsent(cohortId, k -> new AtomicLong()).get();
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
        versions.computeIfAbsent(cohortId, k -> new AtomicLong()).incrementAndGet();
        hub.publish(PresenceTopics.cohort(cohortId), new PresenceChanged(cohortId, userId, isOnline));
    }

    @PreDestroy
    void stop() {
        sweeper.shutdownNow();
    }
}
