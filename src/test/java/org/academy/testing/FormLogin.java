package org.academy.testing;

import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A browser reduced to its cookie jar and the login form, over real HTTP: opens the login page,
 * posts the form with the page's CSRF token, and tells whether a page for logged-in people opens.
 * Point it at another base address (a restarted process, another node) with the same jar to see
 * what the cookies alone achieve there.
 */
public final class FormLogin {

    private static final Pattern META = Pattern.compile("<meta name=\"(_csrf(?:_parameter)?)\" content=\"([^\"]+)\"");

    private final CookieManager cookies = new CookieManager();
    private final HttpClient http = HttpClient.newBuilder().cookieHandler(cookies)
            .followRedirects(HttpClient.Redirect.NEVER).build();

    /** Logs in through the form at {@code base}; returns whether the server accepted the password. */
    public boolean logIn(URI base, String email, String password) throws IOException, InterruptedException {
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(base.resolve("/login")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        Map<String, String> meta = new LinkedHashMap<>();
        Matcher m = META.matcher(page.body());
        while (m.find()) {
            meta.put(m.group(1), m.group(2));
        }
        Map<String, String> form = Map.of("username", email, "password", password,
                meta.getOrDefault("_csrf_parameter", "_csrf"), meta.getOrDefault("_csrf", ""));
        HttpResponse<String> login = http.send(HttpRequest.newBuilder(base.resolve("/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form.entrySet().stream()
                        .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                        .collect(Collectors.joining("&"))))
                .build(), HttpResponse.BodyHandlers.ofString());
        return login.statusCode() == 302 && !login.headers().firstValue("Location").orElse("").contains("/login");
    }

    /** Whether {@code path} opens (200) rather than sending to the login page. */
    public boolean opens(URI base, String path) throws IOException, InterruptedException {
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(base.resolve(path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        return page.statusCode() == 200;
    }

    public Optional<String> cookie(String name) {
        return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name))
                .map(HttpCookie::getValue).findFirst();
    }

    /** Forgets one cookie, as a browser does with the session cookie of a server that is gone. */
    public void forget(String name) {
        cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name)).toList()
                .forEach(c -> cookies.getCookieStore().getURIs()
                        .forEach(uri -> cookies.getCookieStore().remove(uri, c)));
    }

    /** Copies one cookie into another jar, as a browser keeps it across the nodes of one site. */
    public void give(FormLogin other, String name) {
        for (URI uri : cookies.getCookieStore().getURIs()) {
            cookies.getCookieStore().get(uri).stream().filter(c -> c.getName().equals(name))
                    .forEach(c -> other.cookies.getCookieStore().add(uri, (HttpCookie) c.clone()));
        }
    }
}
