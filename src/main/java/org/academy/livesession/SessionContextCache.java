package org.academy.livesession;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import org.academy.base.push.Topic;
import org.academy.base.push.TopicHook;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * Who belongs to which session, remembered briefly. Every push to every participant's view
 * checks membership again; without this, a thousand views re-ran the cohort checks on each push.
 * Entries live {@code academy.membership-cache-ttl} (5 s) from when they were loaded (expire after
 * write, so a busy session still re-checks): removing someone from a cohort takes effect in the
 * sessions within that time. A session's status change drops its entries at once. The cache is
 * bounded ({@code academy.membership-cache-size}); an entry evicted early is only loaded again.
 */
@Component
class SessionContextCache implements TopicHook {

    private record Key(long userId, long sessionId) {
    }

    private final Cache<Key, SessionContext> entries;
    private final boolean enabled;
    /** Bumped by every eviction: a load that straddles one may hold the old status and is not kept. */
    private final AtomicLong evictions = new AtomicLong();

    SessionContextCache(@Value("${academy.membership-cache-ttl:5s}") Duration ttl,
                        @Value("${academy.membership-cache-size:50000}") long maximumSize) {
        this.enabled = !ttl.isZero() && !ttl.isNegative();
        this.entries = Caffeine.newBuilder()
                .expireAfterWrite(enabled ? ttl : Duration.ofNanos(1))
                .maximumSize(Math.max(1, maximumSize))
                .build();
    }

    /**
     * Not {@code Cache.get(key, loader)}: the loader runs queries and may throw "not found", and
     * a miss must not hold a lock of the cache's map while it does.
     */
    SessionContext get(long userId, long sessionId, Supplier<SessionContext> load) {
        if (!enabled) {
            return load.get();
        }
        Key key = new Key(userId, sessionId);
        SessionContext cached = entries.getIfPresent(key);
        if (cached != null) {
            return cached;
        }
        long before = evictions.get();
        SessionContext context = load.get();
        entries.put(key, context);
        // Checked after the put: an eviction counted later also sees (and removes) this entry.
        if (evictions.get() != before) {
            entries.invalidate(key);
        }
        return context;
    }

    void evictSession(long sessionId) {
        evictions.incrementAndGet();
        entries.asMap().keySet().removeIf(k -> k.sessionId() == sessionId);
    }

    /**
     * A session's status or settings changed: its entries go, by the event that tells the views,
     * on whichever node it is delivered (the hub runs this before any view reloads).
     */
    @Override
    public String kind() {
        return SessionTopics.KIND;
    }

    @Override
    public void beforeDelivery(Topic<?> topic, Object event) {
        if (event instanceof SessionEvent e && (e.kind() == SessionEvent.Kind.STARTED
                || e.kind() == SessionEvent.Kind.ENDED || e.kind() == SessionEvent.Kind.SETTINGS)) {
            evictSession(e.sessionId());
        }
    }

    @Override
    public void resync() {
        evictions.incrementAndGet();
        entries.invalidateAll();
    }

    long size() {
        entries.cleanUp();
        return entries.estimatedSize();
    }
}
