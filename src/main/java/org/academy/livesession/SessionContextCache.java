package org.academy.livesession;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Who belongs to which session, remembered briefly. Every push to every participant's view
 * checks membership again; without this, a thousand views re-ran the cohort checks on each push.
 * Entries live {@code academy.membership-cache-ttl} (5 s): removing someone from a cohort takes
 * effect in the sessions within that time. A session's status change drops its entries at once.
 */
@Component
class SessionContextCache {

    private record Key(long userId, long sessionId) {
    }

    private record Entry(SessionContext context, long expiresAt) {
    }

    private final long ttlNanos;
    private final Map<Key, Entry> entries = new ConcurrentHashMap<>();

    SessionContextCache(@Value("${academy.membership-cache-ttl:5s}") Duration ttl) {
        this.ttlNanos = ttl.toNanos();
    }

    SessionContext get(long userId, long sessionId, Supplier<SessionContext> load) {
        long now = System.nanoTime();
        Key key = new Key(userId, sessionId);
        Entry entry = entries.get(key);
        if (entry != null && entry.expiresAt() - now > 0) {
            return entry.context();
        }
        SessionContext context = load.get();
        if (ttlNanos > 0) {
            entries.put(key, new Entry(context, now + ttlNanos));
            if (entries.size() > 50_000) {
                entries.values().removeIf(e -> e.expiresAt() - now <= 0);
            }
        }
        return context;
    }

    void evictSession(long sessionId) {
        entries.keySet().removeIf(k -> k.sessionId() == sessionId);
    }
}
