package org.academy.base.cluster;

import java.time.Duration;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/** Presence in the shared store, on the real Redis at 127.0.0.1:6379, under a prefix of its own. */
class RedisPresenceTest {

    final String prefix = "academy-presence-test-" + ProcessHandle.current().pid() + "-" + System.nanoTime() + ":";
    final LettuceConnectionFactory connections = connect();
    final StringRedisTemplate redis = new StringRedisTemplate(connections);

    private static LettuceConnectionFactory connect() {
        LettuceConnectionFactory factory = new LettuceConnectionFactory("127.0.0.1", 6379);
        factory.afterPropertiesSet();
        factory.start();
        return factory;
    }

    @AfterEach
    void cleanUp() {
        Set<String> keys = redis.keys(prefix + "*");
        if (keys != null && !keys.isEmpty()) {
            redis.delete(keys);
        }
        connections.destroy();
    }

    @Test
    void a_node_whose_beat_is_late_still_counts_until_a_node_removes_it_so_no_answer_changes_without_an_event() {
        // Long timeouts: neither node sweeps during the test, so only the late score differs.
        try (RedisPresence reader = new RedisPresence(redis, prefix, "reader", Duration.ofHours(1));
             RedisPresence late = new RedisPresence(redis, prefix, "late", Duration.ofHours(1))) {
            late.arrived("session:1", 7);
            assertThat(reader.present("session:1")).containsExactly(7L);

            // Its last beat looks older than the timeout (a pause, a slow machine) but nobody has removed it yet:
            // an answer that dropped its people here would be cached until the room's next event.
            redis.opsForZSet().add(prefix + "nodes", "late", 0);

            assertThat(reader.present("session:1")).containsExactly(7L);
        }
    }
}
