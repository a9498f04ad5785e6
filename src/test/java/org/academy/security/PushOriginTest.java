package org.academy.security;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.academy.testing.Fixtures;
import org.academy.testing.Sessions;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.mock.web.MockHttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The push connection and UIDL answer only pages of the application's own origin: a foreign page
 * that has the victim's cookie gets a refusal and no CORS permission to read anything.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import({Fixtures.class, Sessions.class})
class PushOriginTest {

    static final String EVIL = "https://evil.example";

    @LocalServerPort
    int port;

    private String own() {
        return "http://localhost:" + port;
    }

    @Test
    void a_long_polling_push_request_from_a_foreign_origin_is_refused_and_gets_no_cors_headers() throws Exception {
        VaadinHttp browser = new VaadinHttp(port);
        browser.load("/login");

        HttpResponse<InputStream> response = browser.longPoll(EVIL);

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        assertThat(response.headers().firstValue("Access-Control-Allow-Credentials")).isEmpty();
    }

    @Test
    void a_long_polling_push_request_from_the_apps_own_origin_is_served_without_cors_headers() throws Exception {
        VaadinHttp browser = new VaadinHttp(port);
        browser.load("/login");

        HttpResponse<InputStream> response = browser.longPoll(own());

        assertThat(response.statusCode()).isEqualTo(200);
        // Same-origin needs no CORS; Atmosphere used to echo any Origin here with credentials allowed.
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        assertThat(response.headers().firstValue("Access-Control-Allow-Credentials")).isEmpty();
    }

    @Test
    void a_websocket_to_the_push_endpoint_from_a_foreign_origin_is_refused_and_from_the_own_origin_opens() throws Exception {
        VaadinHttp browser = new VaadinHttp(port);
        browser.load("/login");

        assertThatThrownBy(() -> openPushSocket(browser, EVIL))
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOfSatisfying(WebSocketHandshakeException.class,
                        e -> assertThat(e.getResponse().statusCode()).isEqualTo(403));

        WebSocket socket = openPushSocket(browser, own());
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(10, TimeUnit.SECONDS);
    }

    @Test
    void a_uidl_request_from_a_foreign_origin_is_refused_and_one_from_the_own_origin_is_answered() throws Exception {
        VaadinHttp browser = new VaadinHttp(port);
        browser.load("/login");

        assertThat(browser.uidl("[]", EVIL).statusCode()).isEqualTo(403);
        assertThat(browser.uidl("[]", "null").statusCode()).isEqualTo(403);

        HttpResponse<String> own = browser.uidl("[]", own());
        assertThat(own.statusCode()).isEqualTo(200);
        assertThat(own.body()).contains("\"syncId\"");
    }

    @Test
    void configured_origins_replace_the_requests_own_origin() {
        WebOrigins configured = new WebOrigins(List.of("https://academy.example.com", " https://Other.example:8443/ "));
        MockHttpServletRequest request = new MockHttpServletRequest();
        request.setScheme("http");
        request.setServerName("backend");
        request.setServerPort(8080);

        assertThat(configured.allows("https://academy.example.com", request)).isTrue();
        assertThat(configured.allows("https://academy.example.com:443", request)).isTrue();
        assertThat(configured.allows("https://other.example:8443", request)).isTrue();
        assertThat(configured.allows("http://backend:8080", request)).isFalse();
        assertThat(configured.allows("https://academy.example.com.evil.example", request)).isFalse();

        WebOrigins own = new WebOrigins(List.of());
        assertThat(own.allows("http://backend:8080", request)).isTrue();
        assertThat(own.allows("https://backend:8080", request)).isFalse();
        assertThat(own.allows("http://backend", request)).isFalse();
        assertThat(own.allows("null", request)).isFalse();
    }

    private WebSocket openPushSocket(VaadinHttp browser, String origin) throws Exception {
        URI uri = URI.create("ws://localhost:" + port + "/VAADIN/push?v-r=push&v-uiId=" + browser.uiId
                + "&v-pushId=" + browser.pushId + "&X-Atmosphere-tracking-id=0&X-Atmosphere-Framework=3.1.5-javascript"
                + "&X-Atmosphere-Transport=websocket&X-Atmosphere-TrackMessageSize=true"
                + "&Content-Type=application%2Fjson%3B%20charset%3DUTF-8&X-atmo-protocol=true");
        try {
            return HttpClient.newHttpClient().newWebSocketBuilder()
                    .header("Cookie", browser.cookie)
                    .header("Origin", origin)
                    .buildAsync(uri, new WebSocket.Listener() { })
                    .get(20, TimeUnit.SECONDS);
        } catch (CompletionException e) {
            throw new ExecutionException(e.getCause());
        }
    }
}
