package org.academy.load;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;

import org.academy.base.push.TopicHub;
import org.academy.identity.PersonSummary;
import org.academy.livesession.LiveSessionService;
import org.academy.livesession.PresentPerson;
import org.academy.livesession.SessionSummary;
import org.academy.testing.Actors;
import org.academy.testing.Eventually;
import org.academy.testing.Fixtures;
import org.academy.testing.Fixtures.World;
import org.academy.testing.Sessions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Browsers that vanish without a goodbye, spoken to over Flow's own protocol (no browser): the
 * server stops hearing the push connection, and within the presence timeout the UI is closed, its
 * hub subscriptions and its presence gone. A page whose connection blinks and comes back stays.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"academy.presence.timeout=3s", "academy.push.vanished-after=3s"})
@Import({Fixtures.class, Sessions.class})
class VanishedBrowserTest {

    static final Duration TIMEOUT = Duration.ofSeconds(3);

    @LocalServerPort
    int port;
    @Autowired
    Fixtures fixtures;
    @Autowired
    Sessions sessions;
    @Autowired
    TopicHub hub;
    @Autowired
    LiveSessionService liveSessions;
    @Autowired
    JdbcClient jdbc;

    @Test
    void a_vanished_browser_is_closed_unsubscribed_and_offline_within_the_timeout_while_a_blinking_one_stays() throws Exception {
        World world = fixtures.world(1, 1);
        List<PersonSummary> people = fixtures.addLearners(world, 2);
        String hash = "{bcrypt}" + new BCryptPasswordEncoder(4).encode("vanish-password");
        jdbc.sql("update app_user set password_hash = '" + hash + "' where id in (:ids)")
                .param("ids", people.stream().map(PersonSummary::id).toList()).update();
        SessionSummary session = sessions.liveSessionOfA(world);
        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .executor(Executors.newVirtualThreadPerTaskExecutor()).build();
        String base = "http://localhost:" + port + "/";
        int before = hub.subscriptionCount();

        VaadinClient vanishing = new VaadinClient(http, base, (at, message) -> { });
        vanishing.login(people.get(0).email(), "vanish-password");
        vanishing.open("sessions/" + session.id());
        int perPage = hub.subscriptionCount() - before;
        VaadinClient blinking = new VaadinClient(http, base, (at, message) -> { });
        blinking.login(people.get(1).email(), "vanish-password");
        blinking.open("sessions/" + session.id());
        assertThat(perPage).isPositive();
        assertThat(hub.subscriptionCount()).isEqualTo(before + 2 * perPage);
        assertThat(present(world, session)).containsExactlyInAnyOrder(people.get(0).id(), people.get(1).id());

        // Open for a moment, as pages are: the watch, which looks every second, has seen both connected.
        // (A page that vanishes within a second of connecting is left to Vaadin's heartbeat expiry.)
        Thread.sleep(2000);
        long gone = System.nanoTime();
        vanishing.vanish();
        blinking.reconnectPush();

        try {
            Eventually.await("the vanished page closed and unsubscribed", TIMEOUT.multipliedBy(4),
                    () -> hub.subscriptionCount() == before + perPage);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + ": subscriptions " + hub.subscriptionCount() + ", expected "
                    + (before + perPage) + " (" + perPage + " per page); present " + present(world, session), e);
        }
        long closedAfter = (System.nanoTime() - gone) / 1_000_000;
        assertThat(present(world, session)).containsExactly(people.get(1).id());
        System.out.printf("Vanished browser: UI closed, unsubscribed and offline after %d ms (timeout %d ms)%n",
                closedAfter, TIMEOUT.toMillis());

        // The blinking page is still there a full timeout after its blink, subscribed and present.
        Thread.sleep(TIMEOUT.plusSeconds(1).toMillis());
        assertThat(hub.subscriptionCount()).isEqualTo(before + perPage);
        assertThat(present(world, session)).containsExactly(people.get(1).id());
        blinking.close();
    }

    private List<Long> present(World world, SessionSummary session) {
        return Actors.as(world.instructorA(), () -> liveSessions.present(session.id())).stream()
                .filter(p -> !p.staff()).map(PresentPerson::userId).toList();
    }
}
