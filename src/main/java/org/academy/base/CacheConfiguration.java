package org.academy.base;

import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.Callable;

import com.github.benmanes.caffeine.cache.Caffeine;
import org.academy.base.push.Topic;
import org.academy.base.push.TopicHook;
import org.academy.base.push.TopicHub;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;
import org.springframework.cache.caffeine.CaffeineCacheManager;
import org.springframework.cache.support.SimpleValueWrapper;
import org.springframework.cache.transaction.TransactionAwareCacheManagerProxy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Caches of content that rarely changes, bounded and expiring. Transaction-aware: an eviction
 * asked for inside a write transaction happens after its commit, so a reader running alongside
 * the write cannot put the old content back for good (Caffeine's atomic load also waits for a
 * load in flight before an eviction completes).
 * <p>
 * Evictions travel as {@link CacheEvicted} events through the hub, and a {@link TopicHook} applies
 * them: on this node at once (hooks run as the event is published), and on every other node when
 * the event arrives there. So a node never keeps content another node has changed, and after a
 * transport interruption every node drops all of it.
 */
@Configuration(proxyBeanMethods = false)
class CacheConfiguration {

    static final Topic<CacheEvicted> EVICTIONS = new Topic<>("cache-evictions");

    @Bean
    CaffeineCacheManager localCaches() {
        CaffeineCacheManager caffeine = new CaffeineCacheManager();
        caffeine.setCaffeine(Caffeine.newBuilder().maximumSize(5_000).expireAfterAccess(Duration.ofHours(1)));
        caffeine.setAllowNullValues(false);
        return caffeine;
    }

    @Bean
    @org.springframework.context.annotation.Primary
    CacheManager cacheManager(CaffeineCacheManager localCaches, ObjectProvider<TopicHub> hub) {
        return new TransactionAwareCacheManagerProxy(new SharedEvictions(localCaches, hub));
    }

    @Bean
    TopicHook cacheEvictionHook(CaffeineCacheManager localCaches) {
        return TopicHook.of("cache-evictions", CacheEvicted.class, evicted -> {
            Cache cache = localCaches.getCache(evicted.cache());
            if (cache == null) {
                return;
            }
            if (evicted.key() == null) {
                cache.clear();
            } else {
                cache.evict(evicted.key());
            }
        }, () -> localCaches.getCacheNames().forEach(name -> localCaches.getCache(name).clear()));
    }

    /** Reads from the local cache; evictions go out as events (the hook applies them, here too). */
    private record SharedEvictions(CaffeineCacheManager local, ObjectProvider<TopicHub> hub) implements CacheManager {

        @Override
        public Cache getCache(String name) {
            Cache cache = local.getCache(name);
            return cache == null ? null : new SharedEvictionCache(cache, hub);
        }

        @Override
        public Collection<String> getCacheNames() {
            return local.getCacheNames();
        }
    }

    private record SharedEvictionCache(Cache local, ObjectProvider<TopicHub> hub) implements Cache {

        @Override
        public String getName() {
            return local.getName();
        }

        @Override
        public Object getNativeCache() {
            return local.getNativeCache();
        }

        @Override
        public ValueWrapper get(Object key) {
            return local.get(key);
        }

        @Override
        public <T> T get(Object key, Class<T> type) {
            return local.get(key, type);
        }

        @Override
        public <T> T get(Object key, Callable<T> valueLoader) {
            return local.get(key, valueLoader);
        }

        @Override
        public void put(Object key, Object value) {
            local.put(key, value);
        }

        @Override
        public ValueWrapper putIfAbsent(Object key, Object value) {
            ValueWrapper existing = local.putIfAbsent(key, value);
            return existing == null ? null : new SimpleValueWrapper(existing.get());
        }

        @Override
        public void evict(Object key) {
            // Keys other than numbers cannot travel as they are: then the whole cache goes.
            publish(new CacheEvicted(getName(), key instanceof Number n ? n.longValue() : null));
        }

        @Override
        public void clear() {
            publish(new CacheEvicted(getName(), null));
        }

        private void publish(CacheEvicted evicted) {
            TopicHub target = hub.getIfAvailable();
            if (target == null) {
                local.clear();
                return;
            }
            target.publish(EVICTIONS, evicted);
        }
    }
}
