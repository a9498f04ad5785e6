package org.academy.health;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.academy.base.cluster.NodeIdentity;
import org.academy.base.push.PushLatency;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;

import jakarta.annotation.PreDestroy;
import tools.jackson.databind.json.JsonMapper;

/**
 * Samples this node's meters every 5 s into {@link NodeFigures} (rates and the latency percentile
 * over the interval, not since start), keeps the last five minutes, and with several nodes writes
 * the latest to Redis (expiring), where every node's System health page reads all of them. Per node
 * on purpose: each node samples itself, so this is not cluster-once work.
 */
@Component
class HealthSampler {

    private static final Logger log = LoggerFactory.getLogger(HealthSampler.class);
    static final int KEPT = 60;

    private final MeterRegistry meters;
    private final NodeIdentity node;
    private final Clock clock;
    private final StringRedisTemplate redis;
    private final String key;
    private final JsonMapper json = JsonMapper.builder().build();
    private final Deque<NodeFigures> history = new ArrayDeque<>();
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "health-sampler");
        t.setDaemon(true);
        return t;
    });

    private long lastNanos = System.nanoTime();
    private double lastDeliveries;
    private double lastRejections;
    private double lastFailures;

    HealthSampler(ObjectProvider<MeterRegistry> meters, NodeIdentity node, Clock clock,
                  ObjectProvider<StringRedisTemplate> redis,
                  @Value("${academy.cluster.redis.prefix:academy:}") String prefix,
                  @Value("${academy.health.sample-interval:5s}") Duration interval) {
        this.meters = meters.getIfAvailable(() -> Metrics.globalRegistry);
        this.node = node;
        this.clock = clock;
        this.redis = node.clustered() ? redis.getIfAvailable() : null;
        this.key = prefix + "health:";
        sampler.scheduleWithFixedDelay(this::sampleQuietly, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void sampleQuietly() {
        try {
            NodeFigures figures = sample();
            if (redis != null) {
                redis.opsForValue().set(key + node.id(), json.writeValueAsString(figures), Duration.ofSeconds(30));
            }
        } catch (RuntimeException e) {
            log.debug("Could not sample health figures: {}", e.toString());
        }
    }

    synchronized NodeFigures sample() {
        long now = System.nanoTime();
        double seconds = Math.max(0.001, (now - lastNanos) / 1e9);
        lastNanos = now;
        double deliveries = counter("academy.push.deliveries");
        double rejections = meters.find("academy.ratelimit.rejections").counters().stream().mapToDouble(Counter::count).sum();
        double failures = counter("academy.login.failures");
        NodeFigures figures = new NodeFigures(node.id(), clock.instant(),
                (int) gauge("academy.ui.open", Set.of()), (int) gauge("academy.ui.connected", Set.of("websocket")),
                (int) gauge("academy.ui.connected", Set.of("long-polling")), gaugeOr("academy.ui.connection.success", 1.0),
                (deliveries - lastDeliveries) / seconds, latencyP99Ms(), (int) gauge("academy.hub.backlog", Set.of()),
                (long) gaugeOr("academy.livesessions.active", 0), (rejections - lastRejections) * 60 / seconds,
                (failures - lastFailures) * 60 / seconds);
        lastDeliveries = deliveries;
        lastRejections = rejections;
        lastFailures = failures;
        history.addLast(figures);
        while (history.size() > KEPT) {
            history.removeFirst();
        }
        return figures;
    }

    /** This node's samples, oldest first. */
    synchronized List<NodeFigures> history() {
        return new ArrayList<>(history);
    }

    /** The latest figures of every node that reported in the last 30 s (this one's at least). */
    List<NodeFigures> nodes() {
        List<NodeFigures> all = new ArrayList<>();
        NodeFigures mine;
        synchronized (this) {
            mine = history.isEmpty() ? null : history.getLast();
        }
        if (redis != null) {
            Set<String> keys = redis.keys(key + "*");
            for (String k : keys == null ? Set.<String>of() : keys) {
                if (k.equals(key + node.id())) {
                    continue;
                }
                String value = redis.opsForValue().get(k);
                if (value != null) {
                    all.add(json.readValue(value, NodeFigures.class));
                }
            }
        }
        all.add(0, mine != null ? mine : sample());
        return all;
    }

    private double counter(String name) {
        Counter c = meters.find(name).counter();
        return c == null ? 0 : c.count();
    }

    private double gauge(String name, Set<String> transport) {
        var search = meters.find(name);
        if (!transport.isEmpty()) {
            search = search.tag("transport", transport.iterator().next());
        }
        Gauge g = search.gauge();
        return g == null || Double.isNaN(g.value()) ? 0 : g.value();
    }

    private double gaugeOr(String name, double otherwise) {
        Gauge g = meters.find(name).gauge();
        return g == null || Double.isNaN(g.value()) ? otherwise : g.value();
    }

    /** Over the interval since the previous sample: the hub's own buckets, drained. */
    private double latencyP99Ms() {
        return PushLatency.percentileMs(PushLatency.drain(), 0.99);
    }

    @PreDestroy
    void stop() {
        sampler.shutdownNow();
    }
}
