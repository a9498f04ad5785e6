package org.academy.security;

import java.net.http.HttpHeaders;
import java.net.http.HttpResponse;
import java.util.List;

import org.academy.testing.Fixtures;
import org.academy.testing.Sessions;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/** What the browser is told to enforce, on pages and on Vaadin's own answers, and how the session cookie is set. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import({Fixtures.class, Sessions.class})
class SecurityHeadersTest {

    @LocalServerPort
    int port;

    @Test
    void an_html_page_carries_the_content_security_policy_nosniff_and_a_referrer_policy() throws Exception {
        VaadinHttp browser = new VaadinHttp(port);
        HttpResponse<String> page = browser.load("/login");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertHardened(page.headers());
    }

    @Test
    void a_uidl_answer_carries_the_same_headers() throws Exception {
        VaadinHttp browser = new VaadinHttp(port);
        browser.load("/login");

        HttpResponse<String> uidl = browser.uidl("[]", null);

        assertThat(uidl.statusCode()).isEqualTo(200);
        assertThat(uidl.body()).contains("\"syncId\"");
        assertHardened(uidl.headers());
    }

    @Test
    void the_session_cookie_is_http_only_and_same_site_lax() throws Exception {
        HttpResponse<String> page = new VaadinHttp(port).load("/login");

        List<String> cookies = page.headers().allValues("Set-Cookie");
        assertThat(cookies).filteredOn(c -> c.startsWith("JSESSIONID=")).singleElement().satisfies(c -> {
            List<String> attributes = List.of(c.split(";\\s*"));
            assertThat(attributes).contains("HttpOnly", "SameSite=Lax", "Path=/");
            // Plain HTTP here; academy.security.secure-cookie=true adds Secure behind HTTPS.
            assertThat(attributes).doesNotContain("Secure");
        });
    }

    private void assertHardened(HttpHeaders headers) {
        assertThat(headers.firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(headers.firstValue("Referrer-Policy")).contains("same-origin");
        assertThat(headers.firstValue("X-Frame-Options")).contains("SAMEORIGIN");
        assertThat(headers.allValues("Content-Security-Policy")).singleElement().satisfies(csp -> assertThat(csp)
                .contains("default-src 'self'")
                .contains("script-src 'self' 'unsafe-inline' 'unsafe-eval'")
                .contains("style-src 'self' 'unsafe-inline'")
                .contains("connect-src 'self' ws://localhost:" + port)
                .contains("frame-ancestors 'self'")
                .contains("object-src 'none'")
                .contains("base-uri 'self'")
                .contains("form-action 'self'"));
    }
}
