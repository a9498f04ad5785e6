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
    private final String nodes;
    private final String roomPrefix;
    private final String nodeRooms;

    private final StringRedisTemplate redis;
    private final String node;
    private final long timeoutMillis;
    private final Map<String, List<BiConsumer<String, Set<Long>>>> listeners = new ConcurrentHashMap<>();
    private final ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "presence-heartbeat");
        t.setDaemon(true);
        return t;
    });

    RedisPresence(StringRedisTemplate redis, String prefix, String node, Duration timeout) {
        this.nodes = prefix + "nodes";
        this.roomPrefix = prefix + "presence:";
        this.nodeRooms = prefix + "presence-rooms:";
        this.redis = redis;
        this.node = node;
        this.timeoutMillis = timeout.toMillis();
        try {
            beat();
        } catch (RuntimeException unreachable) {
            log.warn("Redis unreachable at start; presence heartbeats will retry: {}", unreachable.toString());
        }
        long every = Math.max(200, timeoutMillis / 4);
        heartbeat.scheduleWithFixedDelay(this::beatAndSweep, every, every, TimeUnit.MILLISECONDS);
    }

    @Override
    public void arrived(String room, long userId) {
        try {
            redis.opsForHash().put(roomPrefix + room, userId + ":" + node, "1");
            redis.opsForSet().add(nodeRooms + node, room);
        } catch (RuntimeException unreachable) {
            // Presence is not data: a person missing from it while Redis is away is shown offline.
            log.warn("Could not record presence in {}: {}", room, unreachable.toString());
        }
    }

    @Override
    public void departed(String room, long userId) {
        try {
            redis.opsForHash().delete(roomPrefix + room, userId + ":" + node);
        } catch (RuntimeException unreachable) {
            log.warn("Could not record a departure from {}: {}", room, unreachable.toString());
        }
    }

    @Override
    public Set<Long> present(String room) {
        try {
            return presentNow(room);
        } catch (RuntimeException unreachable) {
            log.warn("Could not read presence in {}: {}", room, unreachable.toString());
            return Set.of();
        }
    }

    private Set<Long> presentNow(String room) {
        Set<String> alive = aliveNodes();
        Set<Long> people = new HashSet<>();
        for (Object field : redis.opsForHash().keys(roomPrefix + room)) {
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
        Set<String> alive = redis.opsForZSet().rangeByScore(nodes, redisMillis() - timeoutMillis, Double.POSITIVE_INFINITY);
        return alive == null ? Set.of() : alive;
    }

    private long redisMillis() {
        Long time = redis.execute(connection -> connection.serverCommands().time(TimeUnit.MILLISECONDS), true);
        return time == null ? 0 : time;
    }

    private void beat() {
        redis.opsForZSet().add(nodes, node, redisMillis());
        // Gone by itself once every node has stopped (a test run, a decommissioned prefix).
        redis.expire(nodes, Duration.ofMillis(timeoutMillis * 4));
    }

    private void beatAndSweep() {
        try {
            beat();
            Set<String> dead = redis.opsForZSet().rangeByScore(nodes, 0, redisMillis() - timeoutMillis);
            if (dead != null) {
                for (String gone : dead) {
                    Long removed = redis.opsForZSet().remove(nodes, gone);
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
        Set<String> rooms = redis.opsForSet().members(nodeRooms + gone);
        redis.delete(nodeRooms + gone);
        if (rooms == null) {
            return;
        }
        String suffix = ":" + gone;
        for (String room : rooms) {
            Map<String, Set<Long>> left = new HashMap<>();
            for (Object field : redis.opsForHash().keys(roomPrefix + room)) {
                String f = field.toString();
                if (f.endsWith(suffix)) {
                    redis.opsForHash().delete(roomPrefix + room, f);
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

    /** Stops beating without leaving, as a node does that dies (for tests of exactly that). */
    void halt() {
        heartbeat.shutdownNow();
    }

    @Override
    public void close() {
        heartbeat.shutdownNow();
        try {
            // Leaving on purpose: views closing on the way down have published their departures;
            // whatever is left is removed without events (the other nodes no longer count it).
            redis.opsForZSet().remove(nodes, node);
            clear(node, false);
        } catch (RuntimeException e) {
            log.warn("Could not remove node {} from shared presence: {}", node, e.toString());
        }
    }
}
