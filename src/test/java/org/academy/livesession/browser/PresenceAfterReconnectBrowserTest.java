package org.academy.livesession.browser;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.academy.livesession.LiveSessionService;
import org.academy.livesession.SessionSummary;
import org.academy.testing.Actors;
import org.academy.testing.Browser;
import org.academy.testing.FlakyNetwork;
import org.academy.testing.Fixtures;
import org.academy.testing.Fixtures.World;
import org.academy.testing.Sessions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

import static org.academy.livesession.browser.BadNetworkBrowserTest.connection;
import static org.academy.livesession.browser.BadNetworkBrowserTest.until;

/**
 * Issue 13's "a client offline for 10 s … its view equals the server state afterwards", for presence: a page that
 * was offline long enough to be moved to long polling must keep following arrivals and departures, down to the
 * last one (a lost last push on long polling has no later message to reveal the gap).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import({Fixtures.class, Sessions.class})
class PresenceAfterReconnectBrowserTest {

    @LocalServerPort
    int port;
    @Autowired
    Fixtures fixtures;
    @Autowired
    Sessions sessions;
    @Autowired
    LiveSessionService liveSessions;

    final List<AutoCloseable> closing = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : closing.reversed()) {
            c.close();
        }
    }

    @Test
    void a_page_back_from_being_offline_shows_every_arrival_and_departure_down_to_the_last() throws Exception {
        World w = fixtures.world(12, 2);
        SessionSummary session = sessions.liveSessionOfA(w);
        FlakyNetwork network = new FlakyNetwork(port);
        closing.add(network);
        Browser learner = new Browser(network.baseUrl());
        closing.add(learner);
        learner.login(w.studentA().email(), Fixtures.PASSWORD);
        learner.open("sessions/" + session.id());
        until(learner.driver(), Duration.ofSeconds(20), "alone in the session",
                d -> learner.text(By.id("presence-count")).equals("1 learner here"));
        until(learner.driver(), Duration.ofSeconds(20), "beats over the WebSocket",
                d -> Boolean.TRUE.equals(connection(learner).get("beats")));

        network.down();
        Thread.sleep(6_000);
        network.up();
        until(learner.driver(), Duration.ofSeconds(30), "moved to long polling",
                d -> "long-polling".equals(connection(learner).get("push")));

        // Others come and go at random moments; after each burst the screen must settle on the server's count.
        List<AutoCloseable> here = new ArrayList<>();
        List<Integer> settledAfterMillis = new ArrayList<>();
        for (int round = 0; round < 12; round++) {
            int changes = 1 + ThreadLocalRandom.current().nextInt(4);
            for (int i = 0; i < changes; i++) {
                boolean arrive = here.isEmpty() || (here.size() < 10 && ThreadLocalRandom.current().nextBoolean());
                if (arrive) {
                    var someone = w.studentsA().get(1 + here.size());
                    here.add(Actors.as(someone, () -> liveSessions.join(session.id())));
                } else {
                    here.removeLast().close();
                }
                Thread.sleep(ThreadLocalRandom.current().nextInt(300));
            }
            String expected = (1 + here.size()) + (here.isEmpty() ? " learner here" : " learners here");
            long start = System.nanoTime();
            int r = round;
            until(learner.driver(), Duration.ofSeconds(10), "round " + r + ": " + expected,
                    d -> learner.text(By.id("presence-count")).equals(expected));
            settledAfterMillis.add((int) ((System.nanoTime() - start) / 1_000_000));
        }
        Map<String, Object> state = connection(learner);
        System.out.println("Presence after reconnect (long polling): settled after " + settledAfterMillis + " ms; " + state);
        for (AutoCloseable h : here) {
            h.close();
        }
    }
}
