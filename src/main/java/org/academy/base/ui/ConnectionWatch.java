package org.academy.base.ui;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.stereotype.Component;

import com.vaadin.flow.component.ComponentUtil;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinSession;
import com.vaadin.flow.server.communication.PushConnection;
import com.vaadin.flow.shared.Registration;
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
 * A page that got a live update within the interval needs no beat (the update carries one), and
 * with many pages open beats are spaced out to {@code academy.push.beat-budget} a second per node,
 * each beat telling the page when to expect the next.
 * <p>
 * The same sweep tells who is still there without asking the browsers (decision 15): a UI is
 * <em>heard</em> while its push connection is up (and it sent a request or Vaadin heartbeat within
 * the missed-heartbeat limit: a connection can look open across a network that died), or within a
 * short grace after it went down or after its last request (long polling reconnects all the time;
 * a page switching transport has none for a moment). Presence rides on that
 * ({@link UiConnections#whileConnected}); a UI not heard for {@code academy.push.vanished-after}
 * (the presence timeout and the client's 5 s reconnect interval) is closed, so nothing queues for a browser that vanished, and its views'
 * hub subscriptions and presence go with it on detach. The watch keeps UIs only weakly.
 */
@Component
class ConnectionWatch implements VaadinServiceInitListener, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ConnectionWatch.class);
    private static final String SCRIPT = read("connection.js");

    /** What the watch knows of one UI; kept in the UI, and only weakly here. */
    static final class Watched {
        final WeakReference<UI> ui;
        final List<Runnable> whileHeard = new CopyOnWriteArrayList<>();
        /** The page is on WebSocket and expects beats. */
        volatile boolean beats;
        /** A beat is owed to the page by then (nanos); an update that carries one moves it. */
        volatile long nextBeatDue;
        /** Nanos between beats promised to this page with its last beat, and the silence it may then allow. */
        volatile long beatEvery;
        volatile long timeoutMillis;
        // Only the sweep's thread touches these.
        long lastRequest;
        long lastConnected;
        long lastHeard;
        int clientToServerId = -1;
        long heartbeat;
        /** Seen connected by a sweep, or a browser page with push on said it is ready. */
        volatile boolean everConnected;
        boolean connected;
        boolean closing;

        Watched(UI ui, long now) {
            this.ui = new WeakReference<>(ui);
            this.lastRequest = now;
            this.lastConnected = now;
            this.lastHeard = now;
        }
    }

    private final long beatIntervalNanos;
    private final long timeoutPerInterval;
    private final int beatBudget;
    private final long graceNanos;
    private final long vanishedAfterNanos;
    private volatile long silentLimitNanos = Long.MAX_VALUE;
    private final Set<Watched> watched = ConcurrentHashMap.newKeySet();
    private volatile int beatingLastSweep;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("push-beat").daemon().factory());
    private final ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor();

    ConnectionWatch(@Value("${academy.push.beat-interval:1s}") Duration beatInterval,
                    @Value("${academy.push.beat-timeout:2s}") Duration beatTimeout,
                    @Value("${academy.push.beat-budget:250}") int beatBudget,
                    @Value("${academy.push.vanished-after:}") String vanishedAfter,
                    @Value("${academy.presence.timeout:12s}") Duration presenceTimeout) {
        if (beatTimeout.compareTo(beatInterval.multipliedBy(2)) < 0) {
            throw new IllegalArgumentException("academy.push.beat-timeout must be at least twice academy.push.beat-interval");
        }
        this.beatIntervalNanos = beatInterval.toNanos();
        this.timeoutPerInterval = Math.max(2, beatTimeout.toMillis() / Math.max(1, beatInterval.toMillis()));
        this.beatBudget = Math.max(1, beatBudget);
        // More than one sweep, so one look between two long-polling requests does not count as gone;
        // short, because presence times out from the last sweep that heard the page.
        this.graceNanos = beatIntervalNanos * 3 / 2;
        // By default the presence timeout plus the Flow client's reconnect interval (5 s): a page back
        // online within the presence timeout is heard again by then, whenever its next retry falls.
        this.vanishedAfterNanos = (vanishedAfter.isBlank() ? presenceTimeout.plusSeconds(5)
                : DurationStyle.detectAndParse(vanishedAfter)).toNanos();
        long ms = beatInterval.toMillis();
        timer.scheduleAtFixedRate(this::sweep, ms, ms, TimeUnit.MILLISECONDS);
    }

    /** The texts of the banner; in one place, so that they can be translated with the rest. */
    static final String OFFLINE = "Reconnecting… your last action may not have been saved.";
    static final String BACK = "Back online.";

    @Override
    public void serviceInit(ServiceInitEvent event) {
        int heartbeatSeconds = event.getSource().getDeploymentConfiguration().getHeartbeatInterval();
        if (heartbeatSeconds > 0) {
            // Vaadin's own limit: a UI that missed three heartbeats (and a bit) is inactive.
            silentLimitNanos = Duration.ofMillis((long) (heartbeatSeconds * 3100L)).toNanos();
        }
        event.getSource().addUIInitListener(init -> install(init.getUI()));
    }

    private void install(UI ui) {
        Watched w = new Watched(ui, System.nanoTime());
        ComponentUtil.setData(ui, Watched.class, w);
        watched.add(w);
        ui.getElement().addEventListener("academy-watch-ready", e -> ready(ui, w));
        ui.getElement().addEventListener("academy-push-stalled", e -> stalled(ui, w));
        ui.getElement().addEventListener("academy-push-resume", e -> resume(ui));
        ui.addDetachListener(e -> watched.remove(w));
        ui.getElement().executeJs(SCRIPT, ui.getElement(), OFFLINE, BACK, beatIntervalNanos / 1_000_000,
                beatIntervalNanos / 1_000_000 * timeoutPerInterval);
    }

    private void ready(UI ui, Watched w) {
        // A real page with push on: it may be closed once gone, even if it goes before a sweep saw it connected.
        w.everConnected = ui.getPushConfiguration().getPushMode().isEnabled();
        if (onWebSocket(ui)) {
            w.beatEvery = beatIntervalNanos;
            w.timeoutMillis = beatIntervalNanos / 1_000_000 * timeoutPerInterval;
            w.nextBeatDue = System.nanoTime() + beatIntervalNanos;
            w.beats = true;
            ui.getElement().executeJs("window.academyConnection.expectBeats()");
        }
    }

    private void stalled(UI ui, Watched w) {
        w.beats = false;
        if (ui.getPushConfiguration().getPushMode().isEnabled()) {
            log.info("UI {} heard no push for {} ms: moving it to long polling", ui.getUIId(),
                    w.timeoutMillis);
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

    /**
     * Called inside the UI's lock by whatever is about to push to it (a live update): the push
     * carries the beat, so the page needs no separate one for a while. Any push proves the channel.
     */
    static void pushing(UI ui) {
        Watched w = ComponentUtil.getData(ui, Watched.class);
        if (w == null || !w.beats) {
            return;
        }
        long now = System.nanoTime();
        long every = w.beatEvery;
        // At most two riders per interval: a burst of updates does not carry a script call each.
        if (now >= w.nextBeatDue - every / 2) {
            w.nextBeatDue = now + every;
            ui.getElement().executeJs("window.academyConnection && window.academyConnection.beat($0)", w.timeoutMillis);
        }
    }

    /** Runs {@code stillHere} on every sweep while the UI is heard; see the class comment. */
    static Registration whileHeard(UI ui, Runnable stillHere) {
        Watched w = ComponentUtil.getData(ui, Watched.class);
        if (w == null) {
            return null;
        }
        w.whileHeard.add(stillHere);
        return () -> w.whileHeard.remove(stillHere);
    }

    /** How many pages get beats now; for tests and diagnostics. */
    int beating() {
        return (int) watched.stream().filter(w -> w.beats).count();
    }

    /** UIs watched now; for leak tests. */
    int watching() {
        return watched.size();
    }

    /** Beats spaced so that all beating pages together get at most the budget a second. */
    long beatEveryNanos(int beatingPages) {
        return Math.max(beatIntervalNanos, Duration.ofSeconds(1).toNanos() * beatingPages / beatBudget);
    }

    void sweep() {
        try {
            long now = System.nanoTime();
            long every = beatEveryNanos(beatingLastSweep);
            int beatingNow = 0;
            for (Watched w : watched) {
                UI ui = w.ui.get();
                if (ui == null) {
                    watched.remove(w);
                    continue;
                }
                if (observe(w, ui, now)) {
                    w.lastHeard = now;
                    w.whileHeard.forEach(ConnectionWatch::quietly);
                } else if (w.everConnected && !w.closing && now - w.lastHeard > vanishedAfterNanos) {
                    w.closing = true;
                    watched.remove(w);
                    senders.execute(() -> closeVanished(ui));
                    continue;
                }
                if (w.beats) {
                    beatingNow++;
                    // Due within half a tick: this sweep sends it rather than the next one, late.
                    if (now >= w.nextBeatDue - beatIntervalNanos / 2) {
                        w.beatEvery = every;
                        w.timeoutMillis = every / 1_000_000 * timeoutPerInterval;
                        w.nextBeatDue = now + every;
                        senders.execute(() -> beat(ui, w, every));
                    }
                }
            }
            beatingLastSweep = beatingNow;
        } catch (RuntimeException e) {
            log.warn("Connection sweep failed", e);
        }
    }

    /** Looks at the UI without its lock (plain reads, no push): is it still heard from? */
    private boolean observe(Watched w, UI ui, long now) {
        int id = ui.getInternals().getLastProcessedClientToServerId();
        long heartbeat = ui.getInternals().getLastHeartbeatTimestamp();
        if (id != w.clientToServerId || heartbeat != w.heartbeat) {
            w.clientToServerId = id;
            w.heartbeat = heartbeat;
            w.lastRequest = now;
        }
        try {
            PushConnection push = ui.getPushConfiguration().getPushMode().isEnabled()
                    ? ui.getInternals().getPushConnection() : null;
            w.connected = push != null && push.isConnected();
        } catch (RuntimeException | AssertionError changingMeanwhile) {
            // Read while a request changed it (Vaadin asserts its own consistency): keep what we knew.
        }
        if (w.connected) {
            w.everConnected = true;
            if (now - w.lastRequest <= silentLimitNanos) {
                w.lastConnected = now;
            }
        }
        return now - Math.max(w.lastConnected, w.lastRequest) <= graceNanos;
    }

    private void closeVanished(UI ui) {
        VaadinSession session = ui.getSession();
        if (session == null) {
            return;
        }
        try {
            // Synchronously under the session's lock, never as a queued access task: a queued task may run
            // nested inside another thread's push loop over the session's UIs (a push that makes an access
            // runs the pending tasks), and removing a UI there broke that loop and failed the request that
            // owned it (ConcurrentModificationException in VaadinSession.unlock, seen in ConnectCycleBenchmark).
            ui.accessSynchronously(() -> {
                if (ui.getSession() != session) {
                    return;
                }
                log.info("UI {} has not been heard from for {} s: closing it", ui.getUIId(), vanishedAfterNanos / 1_000_000_000);
                ui.close();
                // What Vaadin does at the session's next request; no request may ever come.
                session.removeUI(ui);
            });
        } catch (RuntimeException e) {
            // UIDetachedException: it went away meanwhile.
            log.debug("Could not close UI {}: {}", ui.getUIId(), e.toString());
        }
    }

    private void beat(UI ui, Watched w, long every) {
        try {
            // accessLater: a UI that went away meanwhile drops the beat instead of failing.
            ui.accessLater(() -> {
                if (onWebSocket(ui)) {
                    ui.getElement().executeJs("window.academyConnection && window.academyConnection.beat($0)",
                            w.timeoutMillis);
                } else {
                    w.beats = false;
                }
            }, () -> w.beats = false).run();
        } catch (RuntimeException e) {
            w.beats = false;
            log.debug("No beat for UI {}: {}", ui.getUIId(), e.toString());
        }
    }

    private static void quietly(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            log.warn("A still-here callback failed", e);
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
