package org.academy.load;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One browser-less participant speaking Vaadin Flow's own protocol, the way the Flow client does:
 * form login, {@code ?v-r=init} for a UI, a {@code ui-navigate} RPC to open the route, and the
 * Atmosphere WebSocket ({@code /VAADIN/push}, message-size framing) on which the server pushes.
 * It only listens: every pushed message is handed to {@code onMessage} with its arrival time.
 */
final class VaadinClient {

    private static final Pattern UI_ID = Pattern.compile("\"v-uiId\":(\\d+)");
    private static final Pattern CSRF = Pattern.compile("\"Vaadin-Security-Key\":\"([^\"]+)\"");
    private static final Pattern PUSH_ID = Pattern.compile("\"Vaadin-Push-ID\":\"([^\"]+)\"");
    private static final Pattern SYNC_ID = Pattern.compile("\"syncId\":(\\d+)");
    private static final Pattern CLIENT_ID = Pattern.compile("\"clientId\":(\\d+)");

    private final HttpClient http;
    private final String base;
    private final BiConsumer<Long, String> onMessage;
    private String cookie;
    private int uiId;
    private String csrf;
    private volatile int syncId;
    private int clientId;
    private WebSocket socket;
    private String pushUrl;
    private volatile boolean closed;
    /** The page's heartbeat loop: stopped with the page, or it would keep the tab (and its socket) alive for ever. */
    private volatile Thread heartbeats;
    private final StringBuilder frames = new StringBuilder();

    VaadinClient(HttpClient http, String base, BiConsumer<Long, String> onMessage) {
        this.http = http;
        this.base = base.endsWith("/") ? base : base + "/";
        this.onMessage = onMessage;
    }

    private static final Pattern META = Pattern.compile("<meta name=\"(_csrf(?:_parameter)?)\" content=\"([^\"]+)\"");

    /**
     * Logs in with the login form, as the browser does: the login page first, for its CSRF token
     * (the login form is CSRF-protected, decision 8) and session; the session cookie then
     * identifies this participant. A form posted without the token is sent back to /login.
     */
    void login(String email, String password) throws Exception {
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(base + "login")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        String pageCookie = page.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID="))
                .map(c -> c.substring(0, c.indexOf(';'))).findFirst().orElse(null);
        java.util.Map<String, String> meta = new java.util.HashMap<>();
        Matcher m = META.matcher(page.body());
        while (m.find()) {
            meta.put(m.group(1), m.group(2));
        }
        String form = "username=" + URLEncoder.encode(email, StandardCharsets.UTF_8)
                + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8)
                + "&" + meta.getOrDefault("_csrf_parameter", "_csrf") + "="
                + URLEncoder.encode(meta.getOrDefault("_csrf", ""), StandardCharsets.UTF_8);
        HttpRequest.Builder post = HttpRequest.newBuilder(URI.create(base + "login"))
                .header("Content-Type", "application/x-www-form-urlencoded");
        if (pageCookie != null) {
            post.header("Cookie", pageCookie);
        }
        HttpResponse<String> r = http.send(post.POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                HttpResponse.BodyHandlers.ofString());
        String location = r.headers().firstValue("Location").orElse("");
        if (r.statusCode() != 302 || location.contains("error") || location.endsWith("/login")) {
            throw new IllegalStateException("Login failed for " + email + ": " + r.statusCode() + " " + location);
        }
        cookie = r.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID="))
                .map(c -> c.substring(0, c.indexOf(';'))).findFirst()
                .orElseThrow(() -> new IllegalStateException("No session cookie for " + email));
    }

    /** Opens a UI on the route, connects push, and navigates there, as the browser client does. */
    void open(String route) throws Exception {
        String init = get("?v-r=init&location=" + URLEncoder.encode(route, StandardCharsets.UTF_8)
                + "&query=&v-sh=900&v-sw=1400&v-wh=900&v-ww=1400&v-bh=900&v-bw=1400&v-curdate="
                + System.currentTimeMillis() + "&v-tzo=0&v-dstd=0&v-rtzo=0&v-dston=false&v-tzid=UTC&v-wn=load");
        uiId = Integer.parseInt(find(UI_ID, init));
        csrf = find(CSRF, init);
        String pushId = find(PUSH_ID, init);
        syncId = Integer.parseInt(find(SYNC_ID, init));

        pushUrl = base.replaceFirst("^http", "ws") + "VAADIN/push?v-r=push&v-uiId=" + uiId + "&v-pushId=" + pushId
                + "&X-Atmosphere-tracking-id=0&X-Atmosphere-Framework=4.0.1&X-Atmosphere-Transport=websocket"
                + "&X-Atmosphere-TrackMessageSize=true&Content-Type=application/json;%20charset=UTF-8"
                + "&X-atmo-protocol=true&X-Vaadin-LastSeenServerSyncId=";
        connectPush();
        // Like the browser client: a heartbeat every so often, whatever else happens (the server takes a
        // page that is silent for three heartbeat intervals for gone, push connection or not).
        heartbeats = Thread.ofVirtual().start(() -> {
            while (!closed) {
                try {
                    Thread.sleep(HEARTBEAT);
                    if (!closed) {
                        heartbeat();
                    }
                } catch (InterruptedException e) {
                    return;
                } catch (Exception e) {
                    // The next one may get through.
                }
            }
        });

        String response = uidl("{\"type\":\"event\",\"node\":1,\"event\":\"ui-navigate\",\"data\":{\"route\":\""
                + route + "\",\"query\":\"\",\"appShellTitle\":\"\",\"historyState\":{\"idx\":0},\"trigger\":\"\"}}");
        onMessage.accept(System.currentTimeMillis(), response);
        // What the browser's connection.js says once it runs: the page is real and has push on, so the server
        // may close it once it is gone, even if it vanishes before its connection watch saw it connected.
        uidl("{\"type\":\"event\",\"node\":1,\"event\":\"academy-watch-ready\",\"data\":{}}");
    }

    private void connectPush() throws Exception {
        CompletableFuture<Void> handshake = new CompletableFuture<>();
        synchronized (frames) {
            frames.setLength(0);
        }
        socket = http.newWebSocketBuilder().header("Cookie", cookie).connectTimeout(Duration.ofSeconds(30))
                .buildAsync(URI.create(pushUrl + syncId), new Listener(handshake)).get();
        handshake.get(30, java.util.concurrent.TimeUnit.SECONDS);
    }

    void close() {
        stopHeartbeats();
        if (socket != null) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
        }
    }

    /** Another tab of the same logged-in browser: same session cookie, a UI of its own once opened. */
    /** This logged-in browser (its session cookie) on another HTTP client, e.g. a fresh one for each phase of a test. */
    VaadinClient onClient(HttpClient other) {
        VaadinClient moved = new VaadinClient(other, base, onMessage);
        moved.cookie = cookie;
        return moved;
    }

    VaadinClient anotherTab(BiConsumer<Long, String> onMessage) {
        VaadinClient tab = new VaadinClient(http, base, onMessage);
        tab.cookie = cookie;
        return tab;
    }

    /** The tab is closed: the browser's unload beacon (Flow closes the UI at once), then the push socket's close. */
    void unload() throws Exception {
        String body = "{\"csrfToken\":\"" + csrf + "\",\"rpc\":[],\"syncId\":" + syncId + ",\"clientId\":" + clientId
                + ",\"UNLOAD\":true}";
        http.send(HttpRequest.newBuilder(URI.create(base + "?v-r=uidl&v-uiId=" + uiId))
                .header("Cookie", cookie).header("Content-Type", "text/plain;charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding());
        close();
    }

    /** The browser vanished (network gone, laptop shut): the socket is dropped, nothing is said. */
    void drop() {
        stopHeartbeats();
        if (socket != null) {
            socket.abort();
        }
    }

    private void stopHeartbeats() {
        closed = true;
        Thread beating = heartbeats;
        if (beating != null) {
            beating.interrupt();
        }
    }

    static final Duration HEARTBEAT = Duration.ofSeconds(Integer.getInteger("load.heartbeatSeconds", 30));

    /** What the browser client sends every heartbeat interval: "this page is still open". */
    void heartbeat() throws Exception {
        http.send(HttpRequest.newBuilder(URI.create(base + "?v-r=heartbeat&v-uiId=" + uiId)).header("Cookie", cookie)
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
    }

    /** The browser vanishes: its connection is cut, no goodbye, no more requests. */
    void vanish() {
        stopHeartbeats();
        socket.abort();
    }

    /** The push connection is cut (the network blinked) and connected again, as the client does. */
    void reconnectPush() throws Exception {
        socket.abort();
        connectPush();
    }

    private String uidl(String rpc) throws Exception {
        String body = "{\"csrfToken\":\"" + csrf + "\",\"rpc\":[" + rpc + "],\"syncId\":" + syncId + ",\"clientId\":"
                + clientId + "}";
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "?v-r=uidl&v-uiId=" + uiId))
                .header("Cookie", cookie).header("Content-Type", "application/json; charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        String json = r.body().startsWith("for(;;);") ? r.body().substring(8) : r.body();
        if (r.statusCode() != 200) {
            throw new IllegalStateException("UIDL request failed: " + r.statusCode());
        }
        track(json);
        Matcher next = CLIENT_ID.matcher(json);
        clientId = next.find() ? Integer.parseInt(next.group(1)) : clientId + 1;
        return json;
    }

    private String get(String query) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + query)).header("Cookie", cookie)
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("GET " + query + " failed: " + r.statusCode());
        }
        return r.body();
    }

    private void track(String json) {
        Matcher m = SYNC_ID.matcher(json);
        if (m.find()) {
            syncId = Math.max(syncId, Integer.parseInt(m.group(1)));
        }
    }

    private static String find(Pattern p, String text) {
        Matcher m = p.matcher(text);
        if (!m.find()) {
            throw new IllegalStateException("No " + p + " in the server's answer");
        }
        return m.group(1);
    }

    /** Splits Atmosphere's "length|message" framing, which may span or share WebSocket frames. */
    private final class Listener implements WebSocket.Listener {
        private final CompletableFuture<Void> handshake;

        Listener(CompletableFuture<Void> handshake) {
            this.handshake = handshake;
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            long now = System.currentTimeMillis();
            synchronized (frames) {
                frames.append(data);
                while (true) {
                    int bar = frames.indexOf("|");
                    if (bar < 0) {
                        break;
                    }
                    int length = Integer.parseInt(frames.substring(0, bar).trim());
                    if (frames.length() < bar + 1 + length) {
                        break;
                    }
                    String message = frames.substring(bar + 1, bar + 1 + length);
                    frames.delete(0, bar + 1 + length);
                    if (message.startsWith("{")) {
                        track(message);
                        onMessage.accept(now, message);
                    } else {
                        // The Atmosphere handshake ("tracking-id|0|X|") and heartbeats.
                        handshake.complete(null);
                    }
                }
            }
            ws.request(1);
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            handshake.completeExceptionally(error);
        }
    }
}
