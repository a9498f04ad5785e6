package org.academy.health;

import java.time.Instant;

/**
 * One node's operational figures over the last sampling interval (5 s).
 *
 * @param uisOpen             Vaadin UIs open on the node
 * @param websocket           of those, push connected over WebSocket
 * @param longPolling         of those, push connected over long polling
 * @param connectionSuccess   share of UIs older than 10 s whose push is connected (alert below 0.98)
 * @param pushesPerSecond     deliveries to views per second
 * @param latencyP99Ms        event → push, 99th percentile over the interval (alert above 1,000 ms); bucket bound
 * @param backlog             events waiting for delivery on the node
 * @param liveSessions        live sessions running now (cluster-wide)
 * @param rejectionsPerMinute rate-limit and login-throttle refusals per minute
 * @param failedLoginsPerMinute wrong passwords per minute
 */
public record NodeFigures(String node, Instant at, int uisOpen, int websocket, int longPolling, double connectionSuccess,
                          double pushesPerSecond, double latencyP99Ms, int backlog, long liveSessions,
                          double rejectionsPerMinute, double failedLoginsPerMinute) {

    public static final double MIN_CONNECTION_SUCCESS = 0.98;
    public static final double MAX_LATENCY_MS = 1000;

    public boolean connectionAlert() {
        return connectionSuccess < MIN_CONNECTION_SUCCESS;
    }

    public boolean latencyAlert() {
        return latencyP99Ms > MAX_LATENCY_MS;
    }
}
