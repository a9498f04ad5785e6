package org.academy.base.cluster;

import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One learner without a browser, speaking Flow's protocol through nginx as the Flow client does:
 * the login form (its CSRF token, remember-me as the app always sets it), {@code ?v-r=init} for a
 * UI, a {@code ui-navigate} RPC to the participant screen, then the vote as the browser sends it:
 * the radio group's value synchronised and a click on the poll's vote button, in one UIDL request.
 * A vote counts as acknowledged only when that request's answer shows the ballot ("Your vote:").
 * No push connection: the voter only needs the answers to its own requests.
 */
final class UidlVoter {

    private static final Pattern META = Pattern.compile("<meta name=\"(_csrf(?:_parameter)?)\" content=\"([^\"]+)\"");
    private static final Pattern UI_ID = Pattern.compile("\"v-uiId\":(\\d+)");
    private static final Pattern CSRF = Pattern.compile("\"Vaadin-Security-Key\":\"([^\"]+)\"");
    private static final Pattern SYNC_ID = Pattern.compile("\"syncId\":(\\d+)");
    private static final Pattern CLIENT_ID = Pattern.compile("\"clientId\":(\\d+)");
    /** A flat change object that sets an element's id attribute. */
    private static final Pattern ID_CHANGE = Pattern.compile("\\{[^{}]*\"key\":\"id\"[^{}]*}");
    private static final Pattern NODE = Pattern.compile("\"node\":(\\d+)");
    private static final Pattern VALUE = Pattern.compile("\"value\":\"([^\"]*)\"");

    final String email;
    private final String password;
    private final URI site;
    private final CookieManager cookies = new CookieManager();
    private final HttpClient http;
    private int uiId;
    private String csrf;
    private int syncId;
    private int clientId;
    private int choiceNode = -1;
    private int voteNode = -1;
    private Map<String, String> optionKeys = Map.of();
    private int chatInput = -1;
    private int chatSend = -1;
    private volatile String lastAnswer = "";

    UidlVoter(URI site, String email, String password, String pinnedNode) {
        this.site = site;
        this.email = email;
        this.password = password;
        this.http = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5)).build();
        if (pinnedNode != null) {
            // As if this browser had been sent to that node before: nginx routes by this cookie.
            // (Stored as the server's own Set-Cookie would be, so the node's later cookie replaces it.)
            try {
                cookies.put(site, Map.of("Set-Cookie", java.util.List.of("ACADEMY_NODE=" + pinnedNode + "; Path=/")));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** The body of the last answer the server gave this learner (UIDL JSON, or the init page). */
    String lastAnswer() {
        return lastAnswer;
    }

    Optional<String> node() {
        return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("ACADEMY_NODE"))
                .map(HttpCookie::getValue).findFirst();
    }

    void logIn() throws IOException, InterruptedException {
        HttpResponse<String> page = send(HttpRequest.newBuilder(site.resolve("/login")).GET());
        Map<String, String> meta = new LinkedHashMap<>();
        Matcher m = META.matcher(page.body());
        while (m.find()) {
            meta.put(m.group(1), m.group(2));
        }
        Map<String, String> form = Map.of("username", email, "password", password,
                meta.getOrDefault("_csrf_parameter", "_csrf"), meta.getOrDefault("_csrf", ""));
        HttpResponse<String> login = send(HttpRequest.newBuilder(site.resolve("/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form.entrySet().stream()
                        .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                        .collect(Collectors.joining("&")))));
        if (login.statusCode() != 302 || login.headers().firstValue("Location").orElse("").contains("/login")) {
            throw new IOException("login refused for " + email + ": " + login.statusCode());
        }
    }

    /**
     * Opens the participant screen in a new UI and finds the poll's ballot in what the server built.
     * Throws when the session is not logged in here (the caller then logs in, as a person would).
     */
    void open(String route, long pollId) throws IOException, InterruptedException {
        HttpResponse<String> init = send(HttpRequest.newBuilder(site.resolve("/?v-r=init&location="
                + URLEncoder.encode(route, StandardCharsets.UTF_8)
                + "&query=&v-sh=900&v-sw=1400&v-wh=900&v-ww=1400&v-bh=900&v-bw=1400&v-curdate="
                + System.currentTimeMillis() + "&v-tzo=0&v-dstd=0&v-rtzo=0&v-dston=false&v-tzid=UTC&v-wn=voter")).GET());
        lastAnswer = init.body();
        if (init.statusCode() != 200 || !UI_ID.matcher(init.body()).find()) {
            throw new NotLoggedIn(init.statusCode());
        }
        uiId = Integer.parseInt(find(UI_ID, init.body()));
        csrf = find(CSRF, init.body());
        syncId = Integer.parseInt(find(SYNC_ID, init.body()));
        clientId = 0;
        String navigated = uidl("{\"type\":\"event\",\"node\":1,\"event\":\"ui-navigate\",\"data\":{\"route\":\""
                + route + "\",\"query\":\"\",\"appShellTitle\":\"\",\"historyState\":{\"idx\":0},\"trigger\":\"\"}}");
        // The radio group inside the poll's card (found by the tree, not by an id the view may not set).
        Tree tree = new Tree(navigated);
        choiceNode = tree.withTag(nodeWithId(navigated, "poll-" + pollId), "vaadin-radio-group");
        optionKeys = choiceNode < 0 ? Map.of() : tree.radioKeys(choiceNode);
        chatInput = tree.withTag(nodeWithId(navigated, "chat-input"), "vaadin-text-area");
        chatSend = nodeWithId(navigated, "chat-send");
        voteNode = nodeWithId(navigated, "poll-" + pollId + "-vote");
        if (choiceNode < 0 || voteNode < 0) {
            if (System.getProperty("it.dump") != null) {
                java.nio.file.Files.writeString(java.nio.file.Path.of(System.getProperty("it.dump"), email + ".json"), navigated);
            }
            throw new IOException("no ballot for poll " + pollId + " on " + route + " for " + email);
        }
    }

    /** Opens a page in a new UI and returns the server's answer to the navigation (the page as built), whatever it is. */
    String show(String route, String query) throws IOException, InterruptedException {
        HttpResponse<String> init = send(HttpRequest.newBuilder(site.resolve("/?v-r=init&location="
                + URLEncoder.encode(route, StandardCharsets.UTF_8) + "&query=" + URLEncoder.encode(query, StandardCharsets.UTF_8)
                + "&v-sh=900&v-sw=1400&v-wh=900&v-ww=1400&v-bh=900&v-bw=1400&v-curdate="
                + System.currentTimeMillis() + "&v-tzo=0&v-dstd=0&v-rtzo=0&v-dston=false&v-tzid=UTC&v-wn=voter")).GET());
        lastAnswer = init.body();
        if (init.statusCode() != 200 || !UI_ID.matcher(init.body()).find()) {
            throw new IOException("no UI (" + init.statusCode() + ")");
        }
        uiId = Integer.parseInt(find(UI_ID, init.body()));
        csrf = find(CSRF, init.body());
        syncId = Integer.parseInt(find(SYNC_ID, init.body()));
        clientId = 0;
        return uidl("{\"type\":\"event\",\"node\":1,\"event\":\"ui-navigate\",\"data\":{\"route\":\""
                + route + "\",\"query\":\"" + query + "\",\"appShellTitle\":\"\",\"historyState\":{\"idx\":0},\"trigger\":\"\"}}");
    }

    /** Picks the option with this label and clicks Vote. Returns whether the server's answer confirmed that ballot. */
    boolean vote(String label) throws IOException, InterruptedException {
        String optionKey = optionKeys.get(label);
        if (optionKey == null) {
            throw new IOException("no option " + label + " among " + optionKeys.keySet());
        }
        String answer = uidl("{\"type\":\"mSync\",\"node\":" + choiceNode + ",\"feature\":1,\"property\":\"value\",\"value\":\""
                + optionKey + "\"},"
                + "{\"type\":\"event\",\"node\":" + voteNode + ",\"event\":\"click\",\"data\":{\"event.shiftKey\":false,"
                + "\"event.metaKey\":false,\"event.altKey\":false,\"event.ctrlKey\":false,\"event.button\":0,"
                + "\"event.detail\":1,\"event.clientX\":10,\"event.clientY\":10,\"event.screenX\":10,\"event.screenY\":10}}");
        return answer.contains("Your vote: " + label);
    }

    /** Types a chat message and clicks Send; returns whether the answer showed it posted. */
    boolean chat(String text) throws IOException, InterruptedException {
        String answer = uidl("{\"type\":\"mSync\",\"node\":" + chatInput + ",\"feature\":1,\"property\":\"value\",\"value\":\""
                + text + "\"}," + click(chatSend));
        return answer.contains(text);
    }

    private static String click(int node) {
        return "{\"type\":\"event\",\"node\":" + node + ",\"event\":\"click\",\"data\":{\"event.shiftKey\":false,"
                + "\"event.metaKey\":false,\"event.altKey\":false,\"event.ctrlKey\":false,\"event.button\":0,"
                + "\"event.detail\":1,\"event.clientX\":10,\"event.clientY\":10,\"event.screenX\":10,\"event.screenY\":10}}";
    }

    private String uidl(String rpc) throws IOException, InterruptedException {
        String body = "{\"csrfToken\":\"" + csrf + "\",\"rpc\":[" + rpc + "],\"syncId\":" + syncId + ",\"clientId\":"
                + clientId + "}";
        HttpResponse<String> r = send(HttpRequest.newBuilder(site.resolve("/?v-r=uidl&v-uiId=" + uiId))
                .header("Content-Type", "application/json; charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        lastAnswer = r.body();
        if (r.statusCode() != 200) {
            throw new IOException("UIDL answered " + r.statusCode());
        }
        String json = r.body().startsWith("for(;;);") ? r.body().substring(8) : r.body();
        if (json.contains("\"sessionExpired\"") || json.contains("Session Expired") || json.contains("\"appError\"")) {
            throw new IOException("UIDL refused: " + json.substring(0, Math.min(200, json.length())));
        }
        Matcher s = SYNC_ID.matcher(json);
        if (s.find()) {
            syncId = Integer.parseInt(s.group(1));
        }
        Matcher c = CLIENT_ID.matcher(json);
        clientId = c.find() ? Integer.parseInt(c.group(1)) : clientId + 1;
        return json;
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int nodeWithId(String json, String id) {
        Matcher m = ID_CHANGE.matcher(json);
        while (m.find()) {
            Matcher v = VALUE.matcher(m.group());
            Matcher n = NODE.matcher(m.group());
            if (v.find() && v.group(1).equals(id) && n.find()) {
                return Integer.parseInt(n.group(1));
            }
        }
        return -1;
    }

    private static final Pattern FLAT = Pattern.compile("\\{[^{}]*}");
    private static final Pattern KEY = Pattern.compile("\"key\":\"([^\"]*)\"");
    private static final Pattern ADD_NODES = Pattern.compile("\"addNodes\":\\[([0-9,]*)]");

    /** The element tree as far as one answer built it: each node's string properties and children. */
    private static final class Tree {
        final Map<Integer, Map<String, String>> puts = new java.util.HashMap<>();
        final Map<Integer, java.util.List<Integer>> children = new java.util.HashMap<>();

        Tree(String json) {
            Matcher m = FLAT.matcher(json);
            while (m.find()) {
                String change = m.group();
                Matcher n = NODE.matcher(change);
                if (!n.find()) {
                    continue;
                }
                int node = Integer.parseInt(n.group(1));
                Matcher k = KEY.matcher(change);
                Matcher v = VALUE.matcher(change);
                if (change.contains("\"type\":\"put\"") && k.find() && v.find()) {
                    puts.computeIfAbsent(node, x -> new java.util.HashMap<>()).put(k.group(1), v.group(1));
                }
                Matcher add = ADD_NODES.matcher(change);
                if (add.find() && !add.group(1).isEmpty()) {
                    for (String child : add.group(1).split(",")) {
                        children.computeIfAbsent(node, x -> new java.util.ArrayList<>()).add(Integer.parseInt(child));
                    }
                }
            }
        }

        java.util.List<Integer> below(int root) {
            java.util.List<Integer> all = new java.util.ArrayList<>();
            java.util.ArrayDeque<Integer> queue = new java.util.ArrayDeque<>(java.util.List.of(root));
            while (!queue.isEmpty()) {
                int node = queue.poll();
                all.add(node);
                queue.addAll(children.getOrDefault(node, java.util.List.of()));
            }
            return all;
        }

        String put(int node, String key) {
            return puts.getOrDefault(node, Map.of()).get(key);
        }

        int withTag(int root, String tag) {
            return root < 0 ? -1 : below(root).stream().filter(n -> tag.equals(put(n, "tag"))).findFirst().orElse(-1);
        }

        /** Option label → the item key the radio button carries as its value. */
        Map<String, String> radioKeys(int group) {
            Map<String, String> keys = new java.util.HashMap<>();
            for (int button : below(group)) {
                if ("vaadin-radio-button".equals(put(button, "tag"))) {
                    String text = below(button).stream().map(n -> put(n, "text")).filter(java.util.Objects::nonNull)
                            .collect(Collectors.joining());
                    keys.put(text, put(button, "value"));
                }
            }
            return keys;
        }
    }

    private static String find(Pattern p, String text) throws IOException {
        Matcher m = p.matcher(text);
        if (!m.find()) {
            throw new IOException("No " + p + " in the server's answer");
        }
        return m.group(1);
    }

    /** The server did not give this cookie jar a UI: not logged in on this node. */
    static final class NotLoggedIn extends IOException {
        NotLoggedIn(int status) {
            super("not logged in (" + status + ")");
        }
    }
}
