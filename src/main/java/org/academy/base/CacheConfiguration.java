package org.academy.base;

import java.time.Duration;

import com.github.benmanes.caffeine.cache.Caffeine;
import org.springframework.cache.CacheManager;
import org.springframework.cache.caffeine.CaffeineCacheManager;
import org.springframework.cache.transaction.TransactionAwareCacheManagerProxy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Caches of content that rarely changes, bounded and expiring. Transaction-aware: an eviction
 * asked for inside a write transaction happens after its commit, so a reader running alongside
 * the write cannot put the old content back for good (Caffeine's atomic load also waits for a
 * load in flight before an eviction completes).
 */
@Configuration(proxyBeanMethods = false)
class CacheConfiguration {

    @Bean
    CacheManager cacheManager() {
        CaffeineCacheManager caffeine = new CaffeineCacheManager();
        caffeine.setCaffeine(Caffeine.newBuilder().maximumSize(5_000).expireAfterAccess(Duration.ofHours(1)));
        caffeine.setAllowNullValues(false);
        return new TransactionAwareCacheManagerProxy(caffeine);
    }
}
