package org.academy.base.push;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;

/**
 * The hub's figures, in Micrometer's global registry (Spring Boot adds its registries to it, so
 * they reach /actuator/prometheus without the hub depending on Spring): events published, pushes
 * (deliveries to a view), event → push latency and the backlog of undelivered events.
 */
final class HubMetrics {

    private final Counter published;
    private final Counter deliveries;
    private final Timer latency;

    HubMetrics(InProcessTopicHub hub) {
        this.published = Metrics.counter("academy.hub.events.published");
        this.deliveries = Counter.builder("academy.push.deliveries")
                .description("Batches of events handed to a view (each ends in a push)").register(Metrics.globalRegistry);
        // From publication of the oldest event of a batch to the end of the view's handler (which
        // pushes when the session lock was free): what a person waits for after someone else's click.
        this.latency = Timer.builder("academy.push.latency")
                .description("Event published → view updated and pushed")
                .publishPercentileHistogram()
                .serviceLevelObjectives(Duration.ofMillis(100), Duration.ofMillis(300), Duration.ofSeconds(1))
                .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofSeconds(30))
                .register(Metrics.globalRegistry);
        Gauge.builder("academy.hub.backlog", hub, InProcessTopicHub::backlog)
                .description("Events waiting for delivery on this node").register(Metrics.globalRegistry);
        Gauge.builder("academy.hub.subscriptions", hub, InProcessTopicHub::subscriptionCount)
                .description("Live subscriptions (bound views) on this node").register(Metrics.globalRegistry);
    }

    void published() {
        published.increment();
    }

    void delivered(long nanosSincePublished) {
        deliveries.increment();
        latency.record(nanosSincePublished, TimeUnit.NANOSECONDS);
        PushLatency.record(nanosSincePublished);
    }
}
