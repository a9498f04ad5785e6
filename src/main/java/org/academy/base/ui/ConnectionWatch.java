package org.academy.base.ui;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinServiceInitListener;
import com.vaadin.flow.shared.communication.PushMode;
import com.vaadin.flow.shared.ui.Transport;

/**
 * Makes a lost connection visible and a dead push channel short-lived, on every screen.
 * <p>
 * Every page runs {@code connection.js}: a banner (a live region) says "Reconnecting…" while Flow
 * cannot reach the server, with the page inert meanwhile, and "Back online" when it can again.
 * <p>
 * A WebSocket can be open and still carry nothing (proxies and captive portals that black-hole
 * frames after the upgrade): nothing fails, so neither Flow nor Atmosphere notices. Pages on
 * WebSocket therefore get a beat from the server every {@code academy.push.beat-interval}; a page
 * that hears none for {@code academy.push.beat-timeout} reports it over XHR (which such proxies
 * pass), and this UI is moved to long polling: push off in one round trip, on again over long
 * polling in the next (the client only re-creates its push connection when the mode changes).
 * What was pushed into the void is recovered by Flow's resynchronisation of the page, which the
 * client asks for after {@code vaadin.maxMessageSuspendTimeout} of waiting for the missing message.
 */
@Component
class ConnectionWatch implements VaadinServiceInitListener, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ConnectionWatch.class);
    private static final String SCRIPT = read("connection.js");

    private final Duration beatInterval;
    private final Duration beatTimeout;
    private final Set<UI> beating = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("push-beat").daemon().factory());
    private final ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor();

    ConnectionWatch(@Value("${academy.push.beat-interval:1s}") Duration beatInterval,
                    @Value("${academy.push.beat-timeout:2s}") Duration beatTimeout) {
        if (beatTimeout.compareTo(beatInterval.multipliedBy(2)) < 0) {
            throw new IllegalArgumentException("academy.push.beat-timeout must be at least twice academy.push.beat-interval");
        }
        this.beatInterval = beatInterval;
        this.beatTimeout = beatTimeout;
        long ms = beatInterval.toMillis();
        timer.scheduleAtFixedRate(this::beatAll, ms, ms, TimeUnit.MILLISECONDS);
    }

    /** The texts of the banner; in one place, so that they can be translated with the rest. */
    static final String OFFLINE = "Reconnecting… your last action may not have been saved.";
    static final String BACK = "Back online.";

    @Override
    public void serviceInit(ServiceInitEvent event) {
        event.getSource().addUIInitListener(init -> install(init.getUI()));
    }

    private void install(UI ui) {
        ui.getElement().addEventListener("academy-watch-ready", e -> ready(ui));
        ui.getElement().addEventListener("academy-push-stalled", e -> stalled(ui));
        ui.getElement().addEventListener("academy-push-resume", e -> resume(ui));
        ui.addDetachListener(e -> beating.remove(ui));
        ui.getElement().executeJs(SCRIPT, ui.getElement(), OFFLINE, BACK, beatInterval.toMillis(), beatTimeout.toMillis());
    }

    private void ready(UI ui) {
        if (onWebSocket(ui)) {
            beating.add(ui);
            ui.getElement().executeJs("window.academyConnection.expectBeats()");
        }
    }

    private void stalled(UI ui) {
        beating.remove(ui);
        if (ui.getPushConfiguration().getPushMode().isEnabled()) {
            log.info("UI {} heard no push for {} ms: moving it to long polling", ui.getUIId(), beatTimeout.toMillis());
            ui.getPushConfiguration().setPushMode(PushMode.DISABLED);
        }
        ui.getElement().setAttribute("data-push", "off");
    }

    private void resume(UI ui) {
        ui.getPushConfiguration().setTransport(Transport.LONG_POLLING);
        ui.getPushConfiguration().setFallbackTransport(Transport.LONG_POLLING);
        ui.getPushConfiguration().setPushMode(PushMode.AUTOMATIC);
        ui.getElement().setAttribute("data-push", "long-polling");
    }

    private static boolean onWebSocket(UI ui) {
        Transport transport = ui.getPushConfiguration().getTransport();
        return ui.getPushConfiguration().getPushMode().isEnabled()
                && (transport == Transport.WEBSOCKET || transport == Transport.WEBSOCKET_XHR);
    }

    /** How many pages get beats now; for tests and diagnostics. */
    int beating() {
        return beating.size();
    }

    private void beatAll() {
        for (UI ui : beating) {
            senders.execute(() -> beat(ui));
        }
    }

    private void beat(UI ui) {
        try {
            // accessLater: a UI that went away meanwhile drops the beat instead of failing.
            ui.accessLater(() -> {
                if (onWebSocket(ui)) {
                    ui.getElement().executeJs("window.academyConnection && window.academyConnection.beat()");
                } else {
                    beating.remove(ui);
                }
            }, () -> beating.remove(ui)).run();
        } catch (RuntimeException e) {
            beating.remove(ui);
            log.debug("No beat for UI {}: {}", ui.getUIId(), e.toString());
        }
    }

    @Override
    public void destroy() {
        timer.shutdownNow();
        senders.shutdownNow();
    }

    private static String read(String name) {
        try (InputStream in = ConnectionWatch.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
