package org.academy.security;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.academy.testing.Fixtures;
import org.academy.testing.Fixtures.World;
import org.academy.testing.Sessions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The login form over real HTTP, as a browser (or another site) posts it. Same configuration as
 * the browser tests, so the server is shared with them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import({Fixtures.class, Sessions.class})
class LoginFormCsrfTest {

    private static final Pattern META = Pattern.compile("<meta name=\"(_csrf(?:_parameter)?)\" content=\"([^\"]+)\"");

    @LocalServerPort
    int port;
    @Autowired
    Fixtures fixtures;

    /** A browser: keeps its cookies, does not follow redirects (the test reads where they go). */
    final class Client {
        final CookieManager jar = new CookieManager();
        final HttpClient http = HttpClient.newBuilder().cookieHandler(jar)
                .followRedirects(HttpClient.Redirect.NEVER).build();

        /** Opens the login page; returns the CSRF parameter name and token the page carries. */
        Map<String, String> openLoginPage() throws Exception {
            HttpResponse<String> page = http.send(HttpRequest.newBuilder(uri("/login")).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).isEqualTo(200);
            Map<String, String> meta = new LinkedHashMap<>();
            Matcher m = META.matcher(page.body());
            while (m.find()) {
                meta.put(m.group(1), m.group(2));
            }
            return meta;
        }

        /** Whether a page for logged-in people opens, rather than sending to the login page. */
        boolean loggedIn() throws Exception {
            HttpResponse<String> page = http.send(HttpRequest.newBuilder(uri("/learn")).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            return page.statusCode() == 200;
        }

        HttpResponse<String> post(Map<String, String> form, String origin) throws Exception {
            HttpRequest.Builder request = HttpRequest.newBuilder(uri("/login"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form.entrySet().stream()
                            .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                            .collect(Collectors.joining("&"))));
            if (origin != null) {
                request.header("Origin", origin);
            }
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private static String location(HttpResponse<?> response) {
        return response.headers().firstValue("Location").orElse("");
    }

    @Test
    void a_login_post_without_the_csrf_token_from_another_site_is_refused() throws Exception {
        World w = fixtures.world(1, 1);
        Client victim = new Client();
        victim.openLoginPage();

        HttpResponse<String> forged = victim.post(Map.of("username", w.studentA().email(), "password", Fixtures.PASSWORD),
                "https://evil.example");

        // Refused (403, which the error page turns into a redirect to a fresh login page), not logged in.
        assertThat(location(forged)).endsWith("/login");
        assertThat(victim.loggedIn()).isFalse();
    }

    @Test
    void the_login_page_carries_the_token_and_a_post_with_it_logs_in() throws Exception {
        World w = fixtures.world(1, 1);
        Client browser = new Client();
        Map<String, String> meta = browser.openLoginPage();
        assertThat(meta).containsKeys("_csrf", "_csrf_parameter");

        HttpResponse<String> wrongToken = browser.post(Map.of("username", w.studentA().email(),
                "password", Fixtures.PASSWORD, meta.get("_csrf_parameter"), "not-the-token"), null);
        assertThat(location(wrongToken)).endsWith("/login");
        assertThat(browser.loggedIn()).isFalse();

        HttpResponse<String> login = browser.post(Map.of("username", w.studentA().email(),
                "password", Fixtures.PASSWORD, meta.get("_csrf_parameter"), meta.get("_csrf")), null);
        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(location(login)).doesNotContain("/login");
        assertThat(browser.loggedIn()).isTrue();
    }

    @Test
    void a_form_login_counts_each_wrong_password_once_and_the_sixth_attempt_is_throttled() throws Exception {
        World w = fixtures.world(1, 1);
        Client browser = new Client();
        Map<String, String> meta = browser.openLoginPage();
        Map<String, String> wrong = Map.of("username", w.studentA().email(), "password", "wrong password",
                meta.get("_csrf_parameter"), meta.get("_csrf"));
        for (int i = 0; i < 4; i++) {
            assertThat(location(browser.post(wrong, null))).endsWith("/login?error");
        }
        // Four failures, not eight: the attempt went through the throttle once.
        Map<String, String> right = new LinkedHashMap<>(wrong);
        right.put("password", Fixtures.PASSWORD);
        assertThat(location(browser.post(right, null))).doesNotContain("error");

        Client other = new Client();
        Map<String, String> otherMeta = other.openLoginPage();
        Map<String, String> wrongB = Map.of("username", w.studentA().email(), "password", "wrong password",
                otherMeta.get("_csrf_parameter"), otherMeta.get("_csrf"));
        for (int i = 0; i < 5; i++) {
            assertThat(location(other.post(wrongB, null))).endsWith("/login?error");
        }
        Map<String, String> rightB = new LinkedHashMap<>(wrongB);
        rightB.put("password", Fixtures.PASSWORD);
        assertThat(location(other.post(rightB, null))).endsWith("/login?error");
    }

    @Test
    void a_login_gives_the_browser_a_device_cookie_that_lets_its_owner_in_while_strangers_have_locked_the_account() throws Exception {
        World w = fixtures.world(1, 1);
        Client owner = new Client();
        Map<String, String> meta = owner.openLoginPage();
        HttpResponse<String> login = owner.post(Map.of("username", w.studentA().email(), "password", Fixtures.PASSWORD,
                meta.get("_csrf_parameter"), meta.get("_csrf")), null);
        assertThat(location(login)).doesNotContain("/login");
        String setCookie = login.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith(LoginDevices.COOKIE + "=")).findFirst().orElseThrow();
        assertThat(setCookie).contains("HttpOnly", "SameSite=Lax", "Max-Age=" + java.time.Duration.ofDays(365).toSeconds())
                .as("plain HTTP here, so not Secure").doesNotContain("Secure")
                .as("the email is not in it").doesNotContain(w.studentA().email())
                .doesNotContain(URLEncoder.encode(w.studentA().email(), StandardCharsets.UTF_8));

        Client stranger = new Client();
        Map<String, String> strangerMeta = stranger.openLoginPage();
        Map<String, String> guess = Map.of("username", w.studentA().email(), "password", "wrong password",
                strangerMeta.get("_csrf_parameter"), strangerMeta.get("_csrf"));
        for (int i = 0; i < 5; i++) {
            assertThat(location(stranger.post(guess, null))).endsWith("/login?error");
        }
        Map<String, String> strangerRight = new LinkedHashMap<>(guess);
        strangerRight.put("password", Fixtures.PASSWORD);
        assertThat(location(stranger.post(strangerRight, null))).as("a browser without it waits").endsWith("/login?error");

        // The owner comes back days later: the session and remember-me are gone, the device cookie is not.
        Client ownerLater = new Client();
        owner.jar.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(LoginDevices.COOKIE))
                .forEach(c -> ownerLater.jar.getCookieStore().add(uri("/"), c));
        Map<String, String> laterMeta = ownerLater.openLoginPage();
        HttpResponse<String> again = ownerLater.post(Map.of("username", w.studentA().email(), "password", Fixtures.PASSWORD,
                laterMeta.get("_csrf_parameter"), laterMeta.get("_csrf")), null);
        assertThat(location(again)).doesNotContain("/login");
        assertThat(ownerLater.loggedIn()).isTrue();
    }
}
