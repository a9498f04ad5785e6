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
import org.springframework.data.redis.core.script.RedisScript;

/**
 * Presence in Redis. Per room, one hash whose fields are "person:node" (a person present through
 * views on that node); per node, the set of rooms it has written to; and one sorted set of nodes
 * scored by their last heartbeat.
 * <p>
 * Answers count the people of every node in the sorted set, whatever its score: a node's people
 * leave the answers only when a node removes it as dead (its heartbeat older than the node timeout),
 * which also tells the rooms' listeners, which publish the departures. So an answer changes only
 * together with an event that makes views read it again: filtering by heartbeat age at read time let
 * a node whose beat was merely late vanish from an answer that was then cached until the room's next
 * event (a screen kept a wrong count for as long as nobody came or went).
 * <p>
 * The removal is one script, so it cannot interleave with the dead node's own next beat; a node that
 * beats and finds itself gone from the set (taken for dead, or Redis restarted empty) tells its
 * {@link #onRejoined} listeners, which announce its people again.
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
    private final List<Runnable> rejoinListeners = new CopyOnWriteArrayList<>();
    /** A beat got through once: a later beat that adds this node again means it had been removed. */
    private volatile boolean beaten;
    /** Beats held back, as in a long pause of the whole node; tests only. */
    private volatile boolean paused;
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
        Set<String> alive = redis.opsForZSet().range(nodes, 0, -1);
        if (alive == null) {
            return Set.of();
        }
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

    @Override
    public void onRejoined(Runnable listener) {
        rejoinListeners.add(listener);
    }

    private long redisMillis() {
        Long time = redis.execute(connection -> connection.serverCommands().time(TimeUnit.MILLISECONDS), true);
        return time == null ? 0 : time;
    }

    /** @return true if this node was not in the set of nodes (first beat, or removed meanwhile) */
    private boolean beat() {
        boolean added = Boolean.TRUE.equals(redis.opsForZSet().add(nodes, node, redisMillis()));
        // Gone by itself once every node has stopped (a test run, a decommissioned prefix).
        redis.expire(nodes, Duration.ofMillis(timeoutMillis * 4));
        return added;
    }

    private void beatAndSweep() {
        if (paused) {
            return;
        }
        try {
            boolean added = beat();
            if (added && beaten) {
                log.warn("Node {} had been taken for dead (or Redis lost its state): announcing its people again", node);
                rejoinListeners.forEach(RedisPresence::quietly);
            }
            beaten = true;
            long staleBefore = redisMillis() - timeoutMillis;
            Set<String> dead = redis.opsForZSet().rangeByScore(nodes, 0, staleBefore);
            if (dead != null) {
                for (String gone : dead) {
                    // The script checks the score again: a node that beat since the range was read stays.
                    List<String> left = redis.execute(REMOVE_IF_DEAD, List.of(nodes, nodeRooms + gone),
                            gone, Long.toString(staleBefore), roomPrefix);
                    if (left != null && !left.isEmpty()) {
                        log.warn("Node {} stopped beating: its people leave every room", gone);
                        tell(gone, left);
                    }
                }
            }
        } catch (RuntimeException e) {
            log.warn("Presence heartbeat failed: {}", e.toString());
        }
    }

    /**
     * Removes a node whose last beat is older than the limit, with its people in every room it wrote to,
     * in one step: its own next beat comes either before (and it is not dead) or after (and it finds
     * itself removed and announces its people again), never between the removal and the clean-up.
     * Returns "removed" and then "room|person" for each person removed; nothing if the node was alive.
     * KEYS: nodes, the node's room set; ARGV: node, limit (ms), room key prefix.
     */
    private static final RedisScript<List> REMOVE_IF_DEAD = RedisScript.of("""
            local score = redis.call('ZSCORE', KEYS[1], ARGV[1])
            if (not score) or tonumber(score) > tonumber(ARGV[2]) then return {} end
            redis.call('ZREM', KEYS[1], ARGV[1])
            local out = {'removed'}
            local suffix = ':' .. ARGV[1]
            for _, room in ipairs(redis.call('SMEMBERS', KEYS[2])) do
              for _, field in ipairs(redis.call('HKEYS', ARGV[3] .. room)) do
                if string.sub(field, -string.len(suffix)) == suffix then
                  redis.call('HDEL', ARGV[3] .. room, field)
                  table.insert(out, room .. '|' .. string.sub(field, 1, string.len(field) - string.len(suffix)))
                end
              end
            end
            redis.call('DEL', KEYS[2])
            return out
            """, List.class);

    /** Tells the rooms' listeners who left with a dead node. */
    private void tell(String gone, List<String> removed) {
        Map<String, Set<Long>> left = new HashMap<>();
        for (String entry : removed.subList(1, removed.size())) {
            int bar = entry.lastIndexOf('|');
            left.computeIfAbsent(entry.substring(0, bar), k -> new HashSet<>()).add(Long.parseLong(entry.substring(bar + 1)));
        }
        left.forEach((room, people) -> {
            String kind = room.substring(0, Math.max(0, room.indexOf(':')));
            for (BiConsumer<String, Set<Long>> listener : listeners.getOrDefault(kind, List.of())) {
                try {
                    listener.accept(room, Set.copyOf(people));
                } catch (RuntimeException e) {
                    log.warn("Could not publish departures from {} of dead node {}", room, gone, e);
                }
            }
        });
    }

    private static void quietly(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            log.warn("A rejoin listener failed", e);
        }
    }

    /** Removes this node's people from every room it wrote to, without events (it is leaving on purpose). */
    private void clearOwn() {
        Set<String> rooms = redis.opsForSet().members(nodeRooms + node);
        redis.delete(nodeRooms + node);
        if (rooms == null) {
            return;
        }
        String suffix = ":" + node;
        for (String room : rooms) {
            for (Object field : redis.opsForHash().keys(roomPrefix + room)) {
                if (field.toString().endsWith(suffix)) {
                    redis.opsForHash().delete(roomPrefix + room, field);
                }
            }
        }
    }

    /** For tests: a node whose beats stop for a while (a long pause) and then go on. */
    void pauseBeats(boolean pause) {
        this.paused = pause;
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
            clearOwn();
        } catch (RuntimeException e) {
            log.warn("Could not remove node {} from shared presence: {}", node, e.toString());
        }
    }
}
