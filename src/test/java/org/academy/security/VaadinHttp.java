package org.academy.security;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A browser reduced to raw HTTP: loads a page of the app with a session cookie of its own and
 * sends what Vaadin's client would (UIDL, push), with whatever Origin a test chooses.
 */
final class VaadinHttp {

    final String base;
    final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10)).build();
    String cookie;
    String uiId;
    String securityKey;
    String pushId;
    int clientId;
    int syncId;

    VaadinHttp(int port) {
        this.base = "http://localhost:" + port;
    }

    /**
     * Loads a page and, as Vaadin's client does next, asks for its UI; keeps the session cookie
     * and the ids of that UI. Returns the page.
     */
    HttpResponse<String> load(String path) throws IOException, InterruptedException {
        HttpResponse<String> page = send(HttpRequest.newBuilder(URI.create(base + path)).GET());
        page.headers().firstValue("Set-Cookie").ifPresent(c -> cookie = c.split(";", 2)[0]);
        String init = send(HttpRequest.newBuilder(URI.create(base + "/?v-r=init&location="
                + path.replaceFirst("^/", "") + "&query=")).GET()).body();
        uiId = find(init, "\"v-uiId\":(\\d+)");
        securityKey = find(init, "\"Vaadin-Security-Key\":\"([^\"]+)\"");
        pushId = find(init, "\"Vaadin-Push-ID\":\"([^\"]+)\"");
        if (uiId == null || securityKey == null || pushId == null) {
            throw new IllegalStateException("No UI bootstrapped for " + path + ": " + init);
        }
        clientId = 0;
        syncId = 0;
        return page;
    }

    /** A UIDL request carrying the given RPC invocations (a JSON array), as the client would send it. */
    HttpResponse<String> uidl(String rpc, String origin) throws IOException, InterruptedException {
        return uidlBody("{\"csrfToken\":\"" + securityKey + "\",\"rpc\":" + rpc + ",\"syncId\":" + syncId
                + ",\"clientId\":" + clientId + "}", origin);
    }

    HttpResponse<String> uidlBody(String body, String origin) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/?v-r=uidl&v-uiId=" + uiId))
                .header("Content-Type", "application/json; charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (origin != null) {
            request.header("Origin", origin);
        }
        HttpResponse<String> response = send(request);
        String next = find(response.body(), "\"syncId\":\\s*(\\d+)");
        if (next != null) {
            syncId = Integer.parseInt(next);
            clientId++;
        }
        return response;
    }

    /**
     * Opens the long-polling push connection of the loaded UI and returns as soon as the headers
     * arrive (a long poll may hold its body open).
     */
    HttpResponse<InputStream> longPoll(String origin) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/VAADIN/push?v-r=push&v-uiId=" + uiId
                        + "&v-pushId=" + pushId + "&X-Atmosphere-tracking-id=0&X-Atmosphere-Framework=3.1.5-javascript"
                        + "&X-Atmosphere-Transport=long-polling&X-Atmosphere-TrackMessageSize=true"
                        + "&Content-Type=application%2Fjson%3B%20charset%3DUTF-8&X-atmo-protocol=true"))
                .timeout(Duration.ofSeconds(20)).GET();
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        if (origin != null) {
            request.header("Origin", origin);
        }
        HttpResponse<InputStream> response = client.sendAsync(request.build(), HttpResponse.BodyHandlers.ofInputStream())
                .get(20, TimeUnit.SECONDS);
        response.body().close();
        return response;
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return client.send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String find(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        return m.find() ? m.group(1) : null;
    }
}
