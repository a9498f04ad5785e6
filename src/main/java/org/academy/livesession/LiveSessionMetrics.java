package org.academy.livesession;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Metrics;

/**
 * Live sessions running now (across the cluster: read from the database when scraped) and the
 * participants' views open on this node, for the metrics and the System health page.
 */
@Component
class LiveSessionMetrics {

    LiveSessionMetrics(JdbcClient jdbc, SessionPresence presence) {
        Gauge.builder("academy.livesessions.active", jdbc, j -> {
            try {
                return j.sql("select count(*) from live_session where status = 'LIVE'").query(Long.class).single();
            } catch (RuntimeException databaseDown) {
                return Double.NaN;
            }
        }).description("Live sessions running now").register(Metrics.globalRegistry);
        Gauge.builder("academy.livesessions.views", presence, SessionPresence::openViews)
                .description("Participant views of live sessions open on this node").register(Metrics.globalRegistry);
    }
}
