package org.academy.security;

import java.net.http.HttpResponse;
import java.util.List;

import org.academy.testing.Fixtures;
import org.academy.testing.Sessions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests no page of ours would send: unknown URLs, and UIDL crafted by hand. Anyone who can
 * open the login page can send the latter, so they must cost one quiet log line, not a stack trace
 * at ERROR, and the answer must not describe what failed.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import({Fixtures.class, Sessions.class})
class UnexpectedRequestsTest {

    @LocalServerPort
    int port;

    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

    @BeforeEach
    void captureLog() {
        log.start();
        root.addAppender(log);
    }

    @AfterEach
    void releaseLog() {
        root.detachAppender(log);
    }

    @Test
    void an_unknown_url_sends_an_anonymous_caller_to_the_login_not_to_a_bare_403() throws Exception {
        HttpResponse<String> response = new VaadinHttp(port).get("/no/such/page");

        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "[{\"type\":\"no-such-type\",\"node\":1}]",
            "[{\"type\":\"event\",\"node\":1}]",
            "[{\"type\":\"mSync\",\"node\":1,\"feature\":99,\"property\":\"value\",\"value\":\"x\"}]",
            "[{\"type\":\"publishedEventHandler\",\"node\":1,\"templateEventMethodName\":\"nope\",\"templateEventMethodArgs\":[]}]",
            "[{\"type\":\"navigation\",\"node\":1,\"location\":\"\\u0000\\n\\r../../etc\"}]",
            "[42]",
    })
    void crafted_uidl_is_logged_as_one_quiet_warning_and_answered_without_details(String rpc) throws Exception {
        VaadinHttp browser = new VaadinHttp(port);
        browser.load("/login");

        HttpResponse<String> response = browser.uidl(rpc, null);

        assertQuiet(response);
    }

    @Test
    void a_uidl_body_that_is_not_json_is_logged_as_one_quiet_warning_and_answered_without_details() throws Exception {
        VaadinHttp browser = new VaadinHttp(port);
        browser.load("/login");

        HttpResponse<String> response = browser.uidlBody("{\"csrfToken\":\"" + browser.securityKey + "\",\"rpc\":[{", null);

        assertQuiet(response);
        assertRefusalLogged();
    }

    @Test
    void an_rpc_of_an_unknown_type_is_logged_as_one_warning_naming_it() throws Exception {
        VaadinHttp browser = new VaadinHttp(port);
        browser.load("/login");

        assertQuiet(browser.uidl("[{\"type\":\"no-such-type\\n\",\"node\":1}]", null));
        assertRefusalLogged();
    }

    private void assertRefusalLogged() {
        assertThat(List.copyOf(log.list)).filteredOn(e -> e.getLevel() == Level.WARN)
                .anySatisfy(e -> assertThat(e.getFormattedMessage()).startsWith("Refused a request the browser sent"));
    }

    private void assertQuiet(HttpResponse<String> response) {
        List<ILoggingEvent> events = List.copyOf(log.list);
        assertThat(events).filteredOn(e -> e.getLevel().isGreaterOrEqual(Level.ERROR)).isEmpty();
        assertThat(events).filteredOn(e -> e.getThrowableProxy() != null).isEmpty();
        assertThat(events).filteredOn(e -> e.getLevel() == Level.WARN)
                .allSatisfy(e -> assertThat(e.getFormattedMessage()).doesNotContain("\n", "\r"));
        assertThat(response.statusCode()).isLessThan(500);
        assertThat(response.body()).doesNotContain("Exception", "\tat ", "org.academy", "com.vaadin.flow.server");
    }
}
