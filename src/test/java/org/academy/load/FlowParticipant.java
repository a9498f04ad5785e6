package org.academy.load;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One browser-less participant of a live session speaking Flow's protocol as the Flow client does:
 * form login (with the page's CSRF token), {@code ?v-r=init}, the Atmosphere WebSocket on which the
 * server pushes, {@code ui-navigate} to the route, the UI's poll interval honoured with
 * {@code ui-poll} events (the participant screen asks for one for presence), and a vote as clicks:
 * the radio group's value synchronised and a click on the vote button, in one UIDL request.
 * <p>
 * It records, for the poll on screen, when it first saw each tally ("N votes"), counts push
 * messages, and counts what a real browser would suffer from: disconnects and server messages it
 * never received (a gap in the server's syncIds, which makes the Flow client resynchronise).
 * Times are microseconds of this JVM's {@link System#nanoTime()}.
 */
final class FlowParticipant {

    private static final Pattern META = Pattern.compile("<meta name=\"(_csrf(?:_parameter)?)\" content=\"([^\"]+)\"");
    private static final Pattern UI_ID = Pattern.compile("\"v-uiId\":(\\d+)");
    private static final Pattern CSRF = Pattern.compile("\"Vaadin-Security-Key\":\"([^\"]+)\"");
    private static final Pattern PUSH_ID = Pattern.compile("\"Vaadin-Push-ID\":\"([^\"]+)\"");
    private static final Pattern SYNC_ID = Pattern.compile("\"syncId\":(\\d+)");
    private static final Pattern CLIENT_ID = Pattern.compile("\"clientId\":(\\d+)");
    private static final Pattern POLL_INTERVAL = Pattern.compile("\"key\":\"pollInterval\"[^{}]*\"value\":(-?\\d+)");
    /** The poll card's voter count, as it travels in a state-tree text change. */
    private static final Pattern TALLY = Pattern.compile("\"value\":\"(\\d+) votes?\"");

    static long micros() {
        return System.nanoTime() / 1000;
    }

    final int index;
    private final HttpClient http;
    private final String base;
    private final ScheduledExecutorService timer;
    private final AtomicInteger errors;
    private String cookie = "";
    private int uiId;
    private String csrf;
    private volatile int syncId;
    private int clientId;
    private WebSocket socket;
    private final StringBuilder frames = new StringBuilder();
    private ScheduledFuture<?> polling;
    private ScheduledFuture<?> heartbeats;
    private int pollInterval = -1;
    private volatile boolean dropped;

    /** Server syncIds received (push and answers); a hole that stays is a lost message. */
    private final BitSet syncIds = new BitSet();
    private int firstSyncId = -1;
    private int choiceNode = -1;
    private int voteNode = -1;
    private String optionKey;
    /** firstSeen[t] = when a tally ≥ t was first on this participant's screen (0 = not yet). */
    private long[] firstSeen = new long[1];
    private int best = -1;
    private int countFrom;
    /** Push messages received while a navigation looks for its ballot. */
    private StringBuilder collecting;
    volatile long pushes;
    long sentAt;
    long answeredAt;
    boolean voted;

    FlowParticipant(int index, HttpClient http, String base, ScheduledExecutorService timer, AtomicInteger errors) {
        this.index = index;
        this.http = http;
        this.base = base.endsWith("/") ? base : base + "/";
        this.timer = timer;
        this.errors = errors;
    }

    void login(String email, String password) throws Exception {
        HttpResponse<String> page = send(HttpRequest.newBuilder(URI.create(base + "login")).GET());
        Matcher m = META.matcher(page.body());
        String token = "";
        String parameter = "_csrf";
        while (m.find()) {
            if (m.group(1).equals("_csrf")) {
                token = m.group(2);
            } else {
                parameter = m.group(2);
            }
        }
        String form = "username=" + URLEncoder.encode(email, StandardCharsets.UTF_8)
                + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8)
                + "&" + parameter + "=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(base + "login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
        String location = r.headers().firstValue("Location").orElse("");
        if (r.statusCode() != 302 || location.contains("error") || location.endsWith("/login")) {
            throw new IllegalStateException("Login failed for " + email + ": " + r.statusCode() + " " + location);
        }
    }

    /** Opens a UI on the route with push connected; then {@link #navigate} shows the route in it. */
    void open(String route, long pollId) throws Exception {
        String init = send(HttpRequest.newBuilder(URI.create(base + "?v-r=init&location="
                + URLEncoder.encode(route, StandardCharsets.UTF_8)
                + "&query=&v-sh=900&v-sw=1400&v-wh=900&v-ww=1400&v-bh=900&v-bw=1400&v-curdate="
                + System.currentTimeMillis() + "&v-tzo=0&v-dstd=0&v-rtzo=0&v-dston=false&v-tzid=UTC&v-wn=load")).GET()).body();
        uiId = Integer.parseInt(find(UI_ID, init));
        csrf = find(CSRF, init);
        String pushId = find(PUSH_ID, init);
        syncId = Integer.parseInt(find(SYNC_ID, init));
        synchronized (syncIds) {
            firstSyncId = syncId;
            syncIds.set(syncId);
        }
        CompletableFuture<Void> handshake = new CompletableFuture<>();
        String ws = base.replaceFirst("^http", "ws") + "VAADIN/push?v-r=push&v-uiId=" + uiId + "&v-pushId=" + pushId
                + "&X-Atmosphere-tracking-id=0&X-Atmosphere-Framework=4.0.1&X-Atmosphere-Transport=websocket"
                + "&X-Atmosphere-TrackMessageSize=true&Content-Type=application/json;%20charset=UTF-8"
                + "&X-atmo-protocol=true&X-Vaadin-LastSeenServerSyncId=" + syncId;
        socket = http.newWebSocketBuilder().header("Cookie", cookie).connectTimeout(Duration.ofSeconds(60))
                .buildAsync(URI.create(ws), new Listener(handshake)).get(60, TimeUnit.SECONDS);
        handshake.get(60, TimeUnit.SECONDS);
        startHeartbeats();
        navigate(route, pollId);
    }

    /**
     * As the browser: "this page is still open" every heartbeat interval. The server closes a UI it has not
     * heard from for a few intervals (decision 15), so a participant without heartbeats would be dropped
     * in a long run.
     */
    private void startHeartbeats() {
        long every = Long.getLong("load.heartbeatSeconds", 30);
        heartbeats = timer.scheduleAtFixedRate(() -> Thread.ofVirtual().start(() -> {
            try {
                if (!dropped) {
                    http.send(HttpRequest.newBuilder(URI.create(base + "?v-r=heartbeat&v-uiId=" + uiId))
                            .header("Cookie", cookie).POST(HttpRequest.BodyPublishers.noBody()).build(),
                            HttpResponse.BodyHandlers.discarding());
                }
            } catch (Exception e) {
                if (!dropped) {
                    errors.incrementAndGet();
                }
            }
        }), every, every, TimeUnit.SECONDS);
    }

    /** Shows the route in this UI (the previous view detaches), and finds the poll's ballot on it. */
    void navigate(String route, long pollId) throws Exception {
        synchronized (this) {
            collecting = new StringBuilder();
        }
        String answer = uidl("{\"type\":\"event\",\"node\":1,\"event\":\"ui-navigate\",\"data\":{\"route\":\""
                + route + "\",\"query\":\"\",\"appShellTitle\":\"\",\"historyState\":{\"idx\":0},\"trigger\":\"\"}}");
        if (index == 0 && System.getenv("LOAD_DUMP") != null) {
            java.nio.file.Files.writeString(java.nio.file.Path.of(System.getenv("LOAD_DUMP")), answer);
        }
        synchronized (this) {
            // Tallies count from the new view on: a push of the previous view still in flight is older.
            countFrom = syncIdOf(answer);
            firstSeen = new long[1];
            best = -1;
        }
        seen(micros(), answer, countFrom);
        // The ballot is usually in the navigation's answer; when the view fills in after attaching,
        // it follows in a push: read the answer and what was pushed since, for a while.
        int group = -1;
        int vote = -1;
        Map<String, String> keys = Map.of();
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (true) {
            String tree = collected(answer);
            FlowTree t = new FlowTree(tree);
            group = t.nodeWithId("poll-" + pollId + "-choice");
            vote = t.nodeWithId("poll-" + pollId + "-vote");
            keys = group < 0 ? Map.of() : t.radioKeys(group);
            if ((group >= 0 && vote >= 0 && !keys.isEmpty()) || System.nanoTime() > deadline) {
                break;
            }
            Thread.sleep(200);
        }
        synchronized (this) {
            collecting = null;
        }
        if (group < 0 || vote < 0 || keys.isEmpty()) {
            throw new IllegalStateException("no ballot for poll " + pollId + " on " + route);
        }
        List<String> labels = keys.keySet().stream().sorted().toList();
        synchronized (this) {
            choiceNode = group;
            voteNode = vote;
            optionKey = keys.get(labels.get(index % labels.size()));
        }
    }

    /** Picks this participant's option and clicks Vote; true when the answer shows the ballot taken. */
    boolean vote() {
        String rpc = "{\"type\":\"mSync\",\"node\":" + choiceNode + ",\"feature\":1,\"property\":\"value\",\"value\":\""
                + optionKey + "\"},{\"type\":\"event\",\"node\":" + voteNode + ",\"event\":\"click\",\"data\":{"
                + "\"event.shiftKey\":false,\"event.metaKey\":false,\"event.altKey\":false,\"event.ctrlKey\":false,"
                + "\"event.button\":0,\"event.detail\":1,\"event.clientX\":10,\"event.clientY\":10,\"event.screenX\":10,"
                + "\"event.screenY\":10}}";
        try {
            sentAt = micros();
            String answer = uidl(rpc);
            answeredAt = micros();
            voted = answer.contains("Your vote:");
        } catch (Exception e) {
            answeredAt = micros();
            voted = false;
        }
        return voted;
    }

    /** Drops the socket without a close frame and stops polling, as a browser whose tab vanished. */
    void drop() {
        dropped = true;
        if (polling != null) {
            polling.cancel(false);
        }
        if (heartbeats != null) {
            heartbeats.cancel(false);
        }
        if (socket != null) {
            socket.abort();
        }
    }

    void close() {
        dropped = true;
        if (polling != null) {
            polling.cancel(false);
        }
        if (heartbeats != null) {
            heartbeats.cancel(false);
        }
        if (socket != null) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
        }
    }

    synchronized int tally() {
        return best;
    }

    synchronized long[] firstSeen() {
        return firstSeen.clone();
    }

    /** Server messages this UI never received: holes between the first and the last syncId seen. */
    int lostMessages() {
        synchronized (syncIds) {
            if (firstSyncId < 0) {
                return 0;
            }
            int last = syncIds.length() - 1;
            return (last - firstSyncId + 1) - syncIds.get(firstSyncId, last + 1).cardinality();
        }
    }

    private synchronized void seen(long at, String message, int messageSyncId) {
        if (messageSyncId < countFrom) {
            return;
        }
        Matcher m = TALLY.matcher(message);
        int max = -1;
        while (m.find()) {
            max = Math.max(max, Integer.parseInt(m.group(1)));
        }
        if (max > best) {
            if (max >= firstSeen.length) {
                firstSeen = java.util.Arrays.copyOf(firstSeen, Math.max(max + 1, firstSeen.length * 2));
            }
            for (int t = Math.max(0, best + 1); t <= max; t++) {
                firstSeen[t] = at;
            }
            best = max;
        }
    }

    private synchronized String collected(String answer) {
        return answer + (collecting == null ? "" : collecting);
    }

    private static int syncIdOf(String json) {
        Matcher s = SYNC_ID.matcher(json);
        return s.find() ? Integer.parseInt(s.group(1)) : -1;
    }

    private void received(long at, String json) {
        int id = syncIdOf(json);
        if (id >= 0) {
            synchronized (syncIds) {
                syncIds.set(id);
                if (id > syncId) {
                    syncId = id;
                }
            }
        }
        if (json.contains("\"resynchronize\"") || json.contains("\"sessionExpired\"") || json.contains("\"appError\"")) {
            errors.incrementAndGet();
        }
        Matcher p = POLL_INTERVAL.matcher(json);
        if (p.find()) {
            schedulePolls(Integer.parseInt(p.group(1)));
        }
        synchronized (this) {
            if (collecting != null) {
                collecting.append(json);
            }
        }
        seen(at, json, id < 0 ? Integer.MAX_VALUE : id);
    }

    /** As the Flow client: a ui-poll event every pollInterval ms while the UI asks for it. */
    private synchronized void schedulePolls(int interval) {
        if (interval == pollInterval) {
            return;
        }
        pollInterval = interval;
        if (polling != null) {
            polling.cancel(false);
            polling = null;
        }
        if (interval > 0 && !dropped) {
            polling = timer.scheduleAtFixedRate(() -> Thread.ofVirtual().start(() -> {
                try {
                    if (!dropped) {
                        uidl("{\"type\":\"event\",\"node\":1,\"event\":\"ui-poll\",\"data\":{}}");
                    }
                } catch (Exception e) {
                    if (!dropped) {
                        errors.incrementAndGet();
                    }
                }
            }), interval, interval, TimeUnit.MILLISECONDS);
        }
    }

    /** One UIDL request; requests of one UI are sent one at a time, as the Flow client does. */
    private String uidl(String rpc) throws Exception {
        String body;
        String json;
        synchronized (uidlLock) {
            body = "{\"csrfToken\":\"" + csrf + "\",\"rpc\":[" + rpc + "],\"syncId\":" + syncId + ",\"clientId\":"
                    + clientId + "}";
            HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(base + "?v-r=uidl&v-uiId=" + uiId))
                    .header("Content-Type", "application/json; charset=UTF-8")
                    .POST(HttpRequest.BodyPublishers.ofString(body)));
            if (r.statusCode() != 200) {
                throw new IllegalStateException("UIDL answered " + r.statusCode());
            }
            json = r.body().startsWith("for(;;);") ? r.body().substring(8) : r.body();
            Matcher c = CLIENT_ID.matcher(json);
            clientId = c.find() ? Integer.parseInt(c.group(1)) : clientId + 1;
        }
        received(micros(), json);
        return json;
    }

    private final Object uidlLock = new Object();

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        if (!cookie.isEmpty()) {
            request.header("Cookie", cookie);
        }
        HttpResponse<String> r = http.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
        for (String set : r.headers().allValues("Set-Cookie")) {
            String pair = set.substring(0, set.indexOf(';') < 0 ? set.length() : set.indexOf(';'));
            String name = pair.substring(0, pair.indexOf('=') + 1);
            StringBuilder jar = new StringBuilder();
            for (String existing : cookie.isEmpty() ? new String[0] : cookie.split("; ")) {
                if (!existing.startsWith(name)) {
                    jar.append(jar.isEmpty() ? "" : "; ").append(existing);
                }
            }
            jar.append(jar.isEmpty() ? "" : "; ").append(pair);
            cookie = jar.toString();
        }
        return r;
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
            long now = micros();
            java.util.List<String> messages = new java.util.ArrayList<>(1);
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
                    messages.add(frames.substring(bar + 1, bar + 1 + length));
                    frames.delete(0, bar + 1 + length);
                }
            }
            for (String message : messages) {
                if (message.startsWith("{")) {
                    pushes++;
                    received(now, message);
                } else {
                    // The Atmosphere handshake ("tracking-id|0|X|") and heartbeats.
                    handshake.complete(null);
                }
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            if (!dropped) {
                errors.incrementAndGet();
                System.out.println("ERROR " + index + " push closed by server: " + statusCode + " " + reason);
            }
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            handshake.completeExceptionally(error);
            if (!dropped) {
                errors.incrementAndGet();
                System.out.println("ERROR " + index + " push failed: " + error);
            }
        }
    }
}
