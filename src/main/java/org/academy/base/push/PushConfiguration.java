package org.academy.base.push;

import java.time.Duration;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class PushConfiguration {

    /**
     * The hub of a single node (the default, {@code academy.cluster.transport=none}); with a
     * cross-node transport, {@code base.cluster} provides the hub instead and wraps one of these.
     * An idle view gets an event at once; a busy one gets what came meanwhile as one batch when its
     * update is done, at least the minimum interval after the previous one, and further apart (up to
     * the coalescing interval) while deliveries queue for the server (decision 15).
     */
    @Bean(destroyMethod = "close")
    @ConditionalOnProperty(name = "academy.cluster.transport", havingValue = "none", matchIfMissing = true)
    InProcessTopicHub topicHub(@Value("${academy.push.coalescing-min-interval:50ms}") Duration minInterval,
                               @Value("${academy.push.coalescing-interval:250ms}") Duration interval,
                               @Value("${academy.push.max-pending-per-subscriber:10000}") int maxPending,
                               @Value("${academy.push.delivery-concurrency:16}") int concurrency,
                               @Value("${academy.push.budget:3000}") int pushBudget,
                               ObjectProvider<TopicHook> hooks) {
        InProcessTopicHub hub = new InProcessTopicHub(minInterval, interval, maxPending, concurrency).pushBudget(pushBudget);
        hub.hooks(() -> hooks.orderedStream().toList());
        return hub;
    }
}
