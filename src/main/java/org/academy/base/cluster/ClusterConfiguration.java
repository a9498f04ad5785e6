package org.academy.base.cluster;

import java.time.Clock;
import java.time.Duration;

import org.academy.security.SharedBuckets;
import org.academy.base.SharedPresence;
import org.academy.base.push.InProcessTopicHub;
import org.academy.base.push.TopicHook;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;

/**
 * Several nodes ({@code academy.cluster.transport=redis}): the hub, presence and rate limits go
 * through Redis. Spring Boot's own Redis auto-configuration is excluded (see {@code Application}),
 * so that a single node never needs, or even tries to reach, a Redis server; this class builds the
 * connections instead, and Boot's Redis health indicator appears only with them.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "academy.cluster.transport", havingValue = "redis")
class ClusterConfiguration {

    @Bean(destroyMethod = "shutdown")
    ClientResources redisClientResources() {
        return DefaultClientResources.create();
    }

    @Bean(destroyMethod = "shutdown")
    RedisClient redisClient(ClientResources resources,
                            @Value("${academy.cluster.redis.host:127.0.0.1}") String host,
                            @Value("${academy.cluster.redis.port:6379}") int port,
                            @Value("${academy.cluster.redis.password:}") String password) {
        RedisURI.Builder uri = RedisURI.builder().withHost(host).withPort(port).withTimeout(Duration.ofSeconds(5));
        if (!password.isEmpty()) {
            uri.withPassword(password.toCharArray());
        }
        RedisClient client = RedisClient.create(resources, uri.build());
        // Commands issued while Redis is away wait in a bounded queue and go out on reconnect.
        client.setOptions(ClientOptions.builder().autoReconnect(true).requestQueueSize(10_000).build());
        return client;
    }

    @Bean
    LettuceConnectionFactory redisConnectionFactory(ClientResources resources,
                                                    @Value("${academy.cluster.redis.host:127.0.0.1}") String host,
                                                    @Value("${academy.cluster.redis.port:6379}") int port,
                                                    @Value("${academy.cluster.redis.password:}") String password) {
        RedisStandaloneConfiguration server = new RedisStandaloneConfiguration(host, port);
        if (!password.isEmpty()) {
            server.setPassword(password);
        }
        LettuceClientConfiguration client = LettuceClientConfiguration.builder().clientResources(resources)
                .commandTimeout(Duration.ofSeconds(2)).build();
        return new LettuceConnectionFactory(server, client);
    }

    @Bean
    StringRedisTemplate stringRedisTemplate(LettuceConnectionFactory factory) {
        return new StringRedisTemplate(factory);
    }

    @Bean
    SharedBuckets sharedBuckets(StringRedisTemplate redis, @Value("${academy.cluster.redis.prefix:academy:}") String prefix) {
        return new RedisBuckets(redis, prefix);
    }

    @Bean(destroyMethod = "close")
    SharedPresence sharedPresence(StringRedisTemplate redis, NodeIdentity node,
                                  @Value("${academy.cluster.redis.prefix:academy:}") String prefix,
                                  @Value("${academy.cluster.node-timeout:15s}") Duration timeout) {
        return new RedisPresence(redis, prefix, node.id(), timeout);
    }

    @Bean(destroyMethod = "close")
    ClusterTopicHub topicHub(RedisClient redis, NodeIdentity node, Clock clock,
                             @Value("${academy.cluster.redis.prefix:academy:}") String prefix,
                             @Value("${academy.cluster.beat-interval:1s}") Duration beatInterval,
                             @Value("${academy.cluster.resync-spacing:5s}") Duration resyncSpacing,
                             @Value("${academy.push.coalescing-min-interval:50ms}") Duration minInterval,
                             @Value("${academy.push.coalescing-interval:250ms}") Duration interval,
                             @Value("${academy.push.max-pending-per-subscriber:10000}") int maxPending,
                             @Value("${academy.push.delivery-concurrency:16}") int concurrency,
                             @Value("${academy.push.budget:3000}") int pushBudget,
                             ObjectProvider<TopicHook> hooks) {
        InProcessTopicHub local = new InProcessTopicHub(minInterval, interval, maxPending, concurrency).pushBudget(pushBudget);
        local.hooks(() -> hooks.orderedStream().toList());
        // The start time tells this start from the node's previous one: numbers count from 1 again.
        return new ClusterTopicHub(local, redis, prefix + "hub", node.id(), clock.millis(), beatInterval, resyncSpacing);
    }
}
