package org.academy.base;

import javax.sql.DataSource;

import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import net.javacrumbs.shedlock.spring.annotation.EnableSchedulerLock;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Scheduled work ({@code @Scheduled}) that must run once per cluster, not once per node, also
 * carries {@code @SchedulerLock(name = ...)}: the node that takes the job's row in {@code shedlock}
 * runs it, the others skip that turn. The database's clock decides lock expiry, so nodes whose
 * clocks drift apart still agree.
 */
@Configuration(proxyBeanMethods = false)
@EnableSchedulerLock(defaultLockAtMostFor = "PT10M")
class Scheduling {

    /**
     * On unless {@code academy.scheduling.enabled=false}. The test suite turns it off by default:
     * its Spring contexts share one schema, and jobs of every cached context writing on their own
     * clock would change tables under tests that check what a call changed. Tests of the jobs call
     * them with a fixed time, or switch scheduling back on for their own context.
     */
    @Configuration(proxyBeanMethods = false)
    @EnableScheduling
    @ConditionalOnProperty(name = "academy.scheduling.enabled", havingValue = "true", matchIfMissing = true)
    static class Timers {
    }

    @Bean
    LockProvider lockProvider(DataSource dataSource) {
        return new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder()
                .withJdbcTemplate(new JdbcTemplate(dataSource))
                .usingDbTime()
                .build());
    }
}
