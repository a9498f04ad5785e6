package org.academy.base.cluster;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

import org.academy.base.SharedPresence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Presence in Redis. Per room, one hash whose fields are "person:node" (a person present through
 * views on that node); per node, the set of rooms it has written to; and one sorted set of nodes
 * scored by their last heartbeat. Answers count only nodes whose heartbeat is recent, so a dead
 * node's people disappear from every answer within the node timeout even before anyone cleans up;
 * the first node to notice the death (it wins the removal from the sorted set) removes the dead
 * node's fields and tells the rooms' listeners, which publish the departures.
 */
final class RedisPresence implements SharedPresence, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RedisPresence.class);
    private static final String NODES = "academy:nodes";
    private static final String ROOM = "academy:presence:";
    private static final String NODE_ROOMS = "academy:presence-rooms:";

    private final StringRedisTemplate redis;
    private final String node;
    private final long timeoutMillis;
    private final Map<String, List<BiConsumer<String, Set<Long>>>> listeners = new ConcurrentHashMap<>();
    private final ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "presence-heartbeat");
        t.setDaemon(true);
        return t;
    });

    RedisPresence(StringRedisTemplate redis, String node, Duration timeout) {
        this.redis = redis;
        this.node = node;
        this.timeoutMillis = timeout.toMillis();
        beat();
        long every = Math.max(200, timeoutMillis / 4);
        heartbeat.scheduleWithFixedDelay(this::beatAndSweep, every, every, TimeUnit.MILLISECONDS);
    }

    @Override
    public void arrived(String room, long userId) {
        redis.opsForHash().put(ROOM + room, userId + ":" + node, "1");
        redis.opsForSet().add(NODE_ROOMS + node, room);
    }

    @Override
    public void departed(String room, long userId) {
        redis.opsForHash().delete(ROOM + room, userId + ":" + node);
    }

    @Override
    public Set<Long> present(String room) {
        Set<String> alive = aliveNodes();
        Set<Long> people = new HashSet<>();
        for (Object field : redis.opsForHash().keys(ROOM + room)) {
            String f = field.toString();
            int colon = f.indexOf(':');
            if (colon > 0 && alive.contains(f.substring(colon + 1))) {
                people.add(Long.parseLong(f.substring(0, colon)));
            }
        }
        return Set.copyOf(people);
    }

    @Override
    public void onDeparted(String kind, BiConsumer<String, Set<Long>> listener) {
        listeners.computeIfAbsent(kind, k -> new CopyOnWriteArrayList<>()).add(listener);
    }

    private Set<String> aliveNodes() {
        Set<String> alive = redis.opsForZSet().rangeByScore(NODES, redisMillis() - timeoutMillis, Double.POSITIVE_INFINITY);
        return alive == null ? Set.of() : alive;
    }

    private long redisMillis() {
        Long time = redis.execute(connection -> connection.serverCommands().time(TimeUnit.MILLISECONDS), true);
        return time == null ? 0 : time;
    }

    private void beat() {
        redis.opsForZSet().add(NODES, node, redisMillis());
    }

    private void beatAndSweep() {
        try {
            beat();
            Set<String> dead = redis.opsForZSet().rangeByScore(NODES, 0, redisMillis() - timeoutMillis);
            if (dead != null) {
                for (String gone : dead) {
                    Long removed = redis.opsForZSet().remove(NODES, gone);
                    if (removed != null && removed == 1) {
                        log.warn("Node {} stopped beating: its people leave every room", gone);
                        clear(gone, true);
                    }
                }
            }
        } catch (RuntimeException e) {
            log.warn("Presence heartbeat failed: {}", e.toString());
        }
    }

    /** Removes a node's people from every room it wrote to and tells the rooms' listeners. */
    private void clear(String gone, boolean notify) {
        Set<String> rooms = redis.opsForSet().members(NODE_ROOMS + gone);
        redis.delete(NODE_ROOMS + gone);
        if (rooms == null) {
            return;
        }
        String suffix = ":" + gone;
        for (String room : rooms) {
            Map<String, Set<Long>> left = new HashMap<>();
            for (Object field : redis.opsForHash().keys(ROOM + room)) {
                String f = field.toString();
                if (f.endsWith(suffix)) {
                    redis.opsForHash().delete(ROOM + room, f);
                    left.computeIfAbsent(room, k -> new HashSet<>()).add(Long.parseLong(f.substring(0, f.indexOf(':'))));
                }
            }
            if (!notify) {
                continue;
            }
            left.forEach((r, people) -> {
                String kind = r.substring(0, Math.max(0, r.indexOf(':')));
                for (BiConsumer<String, Set<Long>> listener : listeners.getOrDefault(kind, List.of())) {
                    try {
                        listener.accept(r, Set.copyOf(people));
                    } catch (RuntimeException e) {
                        log.warn("Could not publish departures from {} of dead node {}", r, gone, e);
                    }
                }
            });
        }
    }

    @Override
    public void close() {
        heartbeat.shutdownNow();
        try {
            // Leaving on purpose: views closing on the way down have published their departures;
            // whatever is left is removed without events (the other nodes no longer count it).
            redis.opsForZSet().remove(NODES, node);
            clear(node, false);
        } catch (RuntimeException e) {
            log.warn("Could not remove node {} from shared presence: {}", node, e.toString());
        }
    }
}
