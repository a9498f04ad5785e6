package org.academy.base.push;

import java.time.Duration;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class PushConfiguration {

    /**
     * 250 ms between deliveries to one subscriber keeps every view at or under four pushes a second
     * however hot its topic gets, while a lone event still goes out at once.
     */
    @Bean(destroyMethod = "close")
    InProcessTopicHub topicHub(@Value("${academy.push.coalescing-interval:250ms}") Duration interval,
                               @Value("${academy.push.max-pending-per-subscriber:10000}") int maxPending,
                               @Value("${academy.push.delivery-concurrency:16}") int concurrency) {
        return new InProcessTopicHub(interval, maxPending, concurrency);
    }
}
