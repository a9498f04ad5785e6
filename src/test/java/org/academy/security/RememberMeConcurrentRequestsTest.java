package org.academy.security;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.academy.testing.Fixtures;
import org.academy.testing.Fixtures.World;
import org.academy.testing.FormLogin;
import org.academy.testing.Sessions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * After a restart a page sends several requests at once with the same remember-me cookie and the
 * same dead session cookie: all of them are let in, and the series survives (issue 10, item 2;
 * decision 0013). Without this the second request looked like a stolen cookie and logged the
 * learner out in the middle of a live session.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import({Fixtures.class, Sessions.class})
class RememberMeConcurrentRequestsTest {

    @LocalServerPort
    int port;
    @Autowired
    Fixtures fixtures;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    AccountSessions accountSessions;

    final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    URI base() {
        return URI.create("http://localhost:" + port);
    }

    int get(String path, String cookies) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(base().resolve(path)).GET();
        if (!cookies.isEmpty()) {
            request.header("Cookie", cookies);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    String rememberMe(World w) throws Exception {
        FormLogin browser = new FormLogin();
        assertThat(browser.logIn(base(), w.studentA().email(), Fixtures.PASSWORD)).isTrue();
        return browser.cookie(RememberMe.COOKIE).orElseThrow();
    }

    int series(World w) {
        return jdbc.sql("select count(*) from persistent_logins where lower(username) = lower(?)")
                .param(w.studentA().email()).query(Integer.class).single();
    }

    @Test
    void requests_sent_together_after_a_restart_are_all_let_in_and_the_person_stays_remembered() throws Exception {
        World w = fixtures.world(1, 1);
        String remembered = rememberMe(w);
        String sameBrowser = "JSESSIONID=SESSION-OF-A-DEAD-PROCESS; remember-me=" + remembered;

        assertThat(get("/learn", sameBrowser)).as("the first renews the token").isEqualTo(200);
        assertThat(get("/learn", sameBrowser)).as("the second was sent with the old one").isEqualTo(200);
        assertThat(get("/learn", sameBrowser)).as("and the third").isEqualTo(200);
        assertThat(series(w)).isEqualTo(1);
    }

    @Test
    void the_replaced_cookie_alone_from_elsewhere_is_still_taken_for_theft() throws Exception {
        World w = fixtures.world(1, 1);
        String remembered = rememberMe(w);
        assertThat(get("/learn", "JSESSIONID=SESSION-OF-A-DEAD-PROCESS; remember-me=" + remembered)).isEqualTo(200);

        assertThat(get("/learn", "remember-me=" + remembered)).as("a copy without the browser's session cookie").isEqualTo(302);
        assertThat(get("/learn", "JSESSIONID=ANOTHER-SESSION; remember-me=" + remembered)).as("with another one").isEqualTo(302);
        assertThat(series(w)).as("the series is ended").isZero();
    }

    @Test
    void no_grace_once_the_persons_sessions_were_ended() throws Exception {
        World w = fixtures.world(1, 1);
        String remembered = rememberMe(w);
        String sameBrowser = "JSESSIONID=SESSION-OF-A-DEAD-PROCESS; remember-me=" + remembered;
        assertThat(get("/learn", sameBrowser)).isEqualTo(200);

        accountSessions.expire(w.studentA().id());
        assertThat(get("/learn", sameBrowser)).isEqualTo(302);
    }
}
