package org.academy.security;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

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
 * A browser that lost its server session (restart, failover to another node) is logged back in by
 * its remember-me cookie, checked against PostgreSQL. Same configuration as the browser tests.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import({Fixtures.class, Sessions.class})
class RememberMeTest {

    @LocalServerPort
    int port;
    @Autowired
    Fixtures fixtures;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    AccountSessions accountSessions;

    URI base() {
        return URI.create("http://localhost:" + port);
    }

    @Test
    void a_browser_whose_session_is_gone_comes_back_logged_in_by_its_remember_me_cookie_alone() throws Exception {
        World w = fixtures.world(1, 1);
        FormLogin browser = new FormLogin();
        assertThat(browser.logIn(base(), w.studentA().email(), Fixtures.PASSWORD)).isTrue();
        assertThat(browser.cookie(RememberMe.COOKIE)).isPresent();

        browser.forget("JSESSIONID");
        assertThat(browser.opens(base(), "/learn")).isTrue();

        FormLogin stranger = new FormLogin();
        assertThat(stranger.opens(base(), "/learn")).isFalse();
    }

    @Test
    void the_database_keeps_only_a_hash_of_the_token_and_the_token_changes_on_every_use() throws Exception {
        World w = fixtures.world(1, 1);
        FormLogin browser = new FormLogin();
        browser.logIn(base(), w.studentA().email(), Fixtures.PASSWORD);
        String[] cookie = decode(browser.cookie(RememberMe.COOKIE).orElseThrow());

        String stored = jdbc.sql("select token from persistent_logins where series = ?").param(cookie[0])
                .query(String.class).single();
        assertThat(stored).isNotEqualTo(cookie[1]).isEqualTo(RememberMe.hash(cookie[1]));

        browser.forget("JSESSIONID");
        browser.opens(base(), "/learn");
        String[] renewed = decode(browser.cookie(RememberMe.COOKIE).orElseThrow());
        assertThat(renewed[0]).isEqualTo(cookie[0]);
        assertThat(renewed[1]).isNotEqualTo(cookie[1]);
    }

    @Test
    void a_copied_cookie_used_after_its_owner_renewed_it_logs_nobody_in_and_ends_the_series() throws Exception {
        World w = fixtures.world(1, 1);
        FormLogin owner = new FormLogin();
        owner.logIn(base(), w.studentA().email(), Fixtures.PASSWORD);
        FormLogin thief = new FormLogin();
        owner.give(thief, RememberMe.COOKIE);
        assertThat(thief.cookie(RememberMe.COOKIE)).isEqualTo(owner.cookie(RememberMe.COOKIE));

        owner.forget("JSESSIONID");
        assertThat(owner.opens(base(), "/learn")).isTrue();

        assertThat(thief.opens(base(), "/learn")).isFalse();
        owner.forget("JSESSIONID");
        assertThat(owner.opens(base(), "/learn")).isFalse();
    }

    @Test
    void ending_a_persons_sessions_forgets_their_remembered_devices() throws Exception {
        World w = fixtures.world(1, 1);
        FormLogin browser = new FormLogin();
        browser.logIn(base(), w.studentA().email(), Fixtures.PASSWORD);

        accountSessions.expire(w.studentA().id());

        browser.forget("JSESSIONID");
        assertThat(browser.opens(base(), "/learn")).isFalse();
        assertThat(jdbc.sql("select count(*) from persistent_logins where lower(username) = lower(?)")
                .param(w.studentA().email()).query(Integer.class).single()).isZero();
    }

    private static String[] decode(String cookie) {
        String padded = cookie + "=".repeat((4 - cookie.length() % 4) % 4);
        String[] parts = new String(Base64.getDecoder().decode(padded), StandardCharsets.UTF_8).split(":");
        return new String[]{URLDecoder.decode(parts[0], StandardCharsets.UTF_8), URLDecoder.decode(parts[1], StandardCharsets.UTF_8)};
    }
}
