package org.academy.api;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.academy.apitoken.TokenStatus;
import org.academy.base.NotFoundException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.academy.security.SystemActor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import jakarta.annotation.PreDestroy;

/**
 * The open streams of this node: the per-token limit, heartbeats, and a periodic re-check
 * ({@code academy.api.stream.recheck}) that the token is not revoked and its owner still belongs
 * (a stream closes when either stops).
 * Per node: two nodes allow a token twice the limit (the shared store of issue 13 can hold it).
 */
@Component
class StreamRegistry {

    private static final Logger log = LoggerFactory.getLogger(StreamRegistry.class);

    private final int maxPerToken;
    private final TokenStatus tokens;
    private final Set<StreamConnection> open = ConcurrentHashMap.newKeySet();
    private final Map<Long, Integer> perToken = new ConcurrentHashMap<>();
    private final ScheduledExecutorService ticker;
    private final ExecutorService checks = Executors.newVirtualThreadPerTaskExecutor();
    private final java.util.concurrent.atomic.AtomicBoolean rechecking = new java.util.concurrent.atomic.AtomicBoolean();

    StreamRegistry(@Value("${academy.api.stream.max-per-token:5}") int maxPerToken,
                   @Value("${academy.api.stream.heartbeat:15s}") Duration heartbeat,
                   @Value("${academy.api.stream.recheck:60s}") Duration recheck, TokenStatus tokens) {
        this.maxPerToken = maxPerToken;
        this.tokens = tokens;
        this.ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "api-stream-heartbeat");
            t.setDaemon(true);
            return t;
        });
        ticker.scheduleWithFixedDelay(this::tick, heartbeat.toMillis(), heartbeat.toMillis(), TimeUnit.MILLISECONDS);
        // Re-checks run one after the other on one virtual thread: a thousand streams must not take
        // every database connection at once. A round that overruns delays the next, never overlaps it.
        ticker.scheduleWithFixedDelay(() -> {
            if (rechecking.compareAndSet(false, true)) {
                checks.execute(() -> {
                    try {
                        open.forEach(this::recheck);
                    } finally {
                        rechecking.set(false);
                    }
                });
            }
        }, recheck.toMillis(), recheck.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** A slot for one more stream of the token, or false when it holds the maximum already. */
    boolean acquire(long tokenId) {
        boolean[] granted = {false};
        perToken.compute(tokenId, (id, count) -> {
            int c = count == null ? 0 : count;
            if (c >= maxPerToken) {
                return count;
            }
            granted[0] = true;
            return c + 1;
        });
        return granted[0];
    }

    void release(long tokenId) {
        perToken.computeIfPresent(tokenId, (id, count) -> count <= 1 ? null : count - 1);
    }

    void opened(StreamConnection connection) {
        open.add(connection);
    }

    void closed(StreamConnection connection) {
        if (open.remove(connection)) {
            release(connection.tokenId);
        }
    }

    int openCount() {
        return open.size();
    }

    int slotsHeld() {
        return perToken.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** Heartbeat comments keep proxies from closing idle streams, and find clients that left. */
    private void tick() {
        for (StreamConnection c : open) {
            c.heartbeat();
        }
    }

    /** Closes the stream when its token was revoked or its owner no longer belongs; a database blip closes nothing. */
    private void recheck(StreamConnection c) {
        try {
            if (!tokens.live(c.tokenId)) {
                log.info("Closing the stream {} of token {}: token revoked or owner deactivated", c.stream, c.tokenId);
                c.close();
                return;
            }
            SystemActor.callAs(c.user, () -> {
                c.access.run();
                return null;
            });
        } catch (NotFoundException | AccessDeniedException | AuthenticationException noLonger) {
            log.info("Closing the stream {} of token {}: access ended", c.stream, c.tokenId);
            c.close();
        } catch (RuntimeException unknown) {
            log.warn("Could not re-check the stream {} of token {}: {}", c.stream, c.tokenId, unknown.toString());
        }
    }

    @PreDestroy
    void shutdown() {
        ticker.shutdownNow();
        open.forEach(StreamConnection::close);
        checks.shutdownNow();
    }
}
