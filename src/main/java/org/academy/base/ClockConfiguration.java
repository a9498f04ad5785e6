package org.academy.base;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ClockConfiguration {

    /** One clock for all services, so tests can pin time instead of sleeping. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
