package org.academy.base.ui;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinServiceInitListener;
import com.vaadin.flow.server.communication.AtmospherePushConnection;
import com.vaadin.flow.server.communication.PushConnection;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Metrics;

/**
 * Open UIs on this node and how their push reaches them, for the metrics
 * ({@code academy.ui.open}, {@code academy.ui.connected{transport=websocket|long-polling}}) and the
 * System health page. A UI counts from its creation until it is detached (closed tab, expired
 * heartbeat, ended session); "connected" means its push connection is open now.
 */
@Component
class UiMetrics implements VaadinServiceInitListener {

    /** UI → when it was opened (nanoTime). Entries go on detach, so this holds open UIs only. */
    private final Map<UI, Long> open = new ConcurrentHashMap<>();

    UiMetrics() {
        Gauge.builder("academy.ui.open", open, Map::size).description("Open UIs on this node").register(Metrics.globalRegistry);
        for (String transport : new String[] {"websocket", "long-polling"}) {
            Gauge.builder("academy.ui.connected", this, m -> m.connected(transport)).tag("transport", transport)
                    .description("UIs whose push connection is open, by transport").register(Metrics.globalRegistry);
        }
        // Connection success: of the UIs open for more than 10 s, the share whose push is connected.
        Gauge.builder("academy.ui.connection.success", this, UiMetrics::connectionSuccess)
                .description("Share of UIs older than 10 s with a connected push channel").register(Metrics.globalRegistry);
    }

    @Override
    public void serviceInit(ServiceInitEvent event) {
        event.getSource().addUIInitListener(init -> {
            UI ui = init.getUI();
            open.put(ui, System.nanoTime());
            ui.addDetachListener(detached -> open.remove(ui));
        });
    }

    private double connected(String transport) {
        return open.keySet().stream().filter(ui -> transport.equals(transportOf(ui))).count();
    }

    private double connectionSuccess() {
        long tenSecondsAgo = System.nanoTime() - 10_000_000_000L;
        long old = 0;
        long connected = 0;
        for (Map.Entry<UI, Long> e : open.entrySet()) {
            if (e.getValue() < tenSecondsAgo) {
                old++;
                if (transportOf(e.getKey()) != null) {
                    connected++;
                }
            }
        }
        return old == 0 ? 1.0 : (double) connected / old;
    }

    /** The transport of a connected push channel, or null when it is not connected. */
    private static String transportOf(UI ui) {
        try {
            PushConnection push = ui.getInternals().getPushConnection();
            if (push == null || !push.isConnected()) {
                return null;
            }
            if (push instanceof AtmospherePushConnection && RESOURCE != null
                    && RESOURCE.invoke(push) instanceof org.atmosphere.cpr.AtmosphereResource resource) {
                return resource.transport() == org.atmosphere.cpr.AtmosphereResource.TRANSPORT.WEBSOCKET
                        ? "websocket" : "long-polling";
            }
            return "long-polling";
        } catch (ReflectiveOperationException | RuntimeException raced) {
            return null;
        }
    }

    /** Flow keeps the Atmosphere resource (which knows the actual transport) protected. */
    private static final java.lang.reflect.Method RESOURCE = resourceAccessor();

    private static java.lang.reflect.Method resourceAccessor() {
        try {
            java.lang.reflect.Method m = AtmospherePushConnection.class.getDeclaredMethod("getResource");
            m.setAccessible(true);
            return m;
        } catch (ReflectiveOperationException | RuntimeException unavailable) {
            return null;
        }
    }
}
