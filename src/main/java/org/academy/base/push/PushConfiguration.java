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
     * 250 ms between deliveries to one subscriber keeps every view at or under four pushes a second
     * however hot its topic gets, while a lone event still goes out at once.
     */
    @Bean(destroyMethod = "close")
    @ConditionalOnProperty(name = "academy.cluster.transport", havingValue = "none", matchIfMissing = true)
    InProcessTopicHub topicHub(@Value("${academy.push.coalescing-interval:250ms}") Duration interval,
                               @Value("${academy.push.max-pending-per-subscriber:10000}") int maxPending,
                               @Value("${academy.push.delivery-concurrency:16}") int concurrency,
                               ObjectProvider<TopicHook> hooks) {
        InProcessTopicHub hub = new InProcessTopicHub(interval, maxPending, concurrency);
        hub.hooks(() -> hooks.orderedStream().toList());
        return hub;
    }
}
