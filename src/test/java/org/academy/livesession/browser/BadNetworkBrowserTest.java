package org.academy.livesession.browser;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import org.academy.chat.ChatMessage;
import org.academy.chat.ChatService;
import org.academy.livesession.LiveSessionService;
import org.academy.livesession.SessionSummary;
import org.academy.poll.NewPoll;
import org.academy.poll.PollService;
import org.academy.poll.PollView;
import org.academy.testing.Actors;
import org.academy.testing.Browser;
import org.academy.testing.FlakyNetwork;
import org.academy.testing.Fixtures;
import org.academy.testing.Fixtures.World;
import org.academy.testing.Sessions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.FluentWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 10, items 1, 3, 4 and 10, in real browsers behind a small TCP proxy ({@link FlakyNetwork})
 * that black-holes WebSocket frames or goes down like a server restart.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import({Fixtures.class, Sessions.class})
class BadNetworkBrowserTest {

    static final String OFFLINE = "Reconnecting… your last action may not have been saved.";
    static final String BACK = "Back online.";

    @LocalServerPort
    int port;
    @Autowired
    Fixtures fixtures;
    @Autowired
    Sessions sessions;
    @Autowired
    LiveSessionService liveSessions;
    @Autowired
    PollService polls;
    @Autowired
    ChatService chat;

    final List<AutoCloseable> closing = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : closing) {
            c.close();
        }
    }

    Browser browser(String baseUrl) {
        Browser b = new Browser(baseUrl);
        closing.add(b);
        return b;
    }

    FlakyNetwork network() {
        FlakyNetwork n = new FlakyNetwork(port);
        closing.add(n);
        return n;
    }

    static void until(WebDriver driver, Duration timeout, String what, java.util.function.Function<WebDriver, Boolean> condition) {
        new FluentWait<>(driver).withTimeout(timeout).pollingEvery(Duration.ofMillis(20)).withMessage(what)
                .ignoring(org.openqa.selenium.NoSuchElementException.class)
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .ignoring(org.openqa.selenium.JavascriptException.class)
                .until(condition);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> connection(Browser b) {
        return (Map<String, Object>) b.script("return window.academyConnection ? window.academyConnection.state() : {};");
    }

    static String banner(Browser b) {
        return String.valueOf(b.script("const e = document.getElementById('connection-banner'); return e ? e.textContent : null;"));
    }

    @Test
    void a_learner_behind_a_proxy_that_black_holes_websocket_frames_gets_announcements_and_tallies_within_5_s() {
        World w = fixtures.world(3, 2);
        SessionSummary session = sessions.liveSessionOfA(w);
        PollView poll = Actors.as(w.instructorA(), () -> {
            PollView p = polls.create(session.id(), new NewPoll("Ready?", List.of("Yes", "No"), false, Set.of()));
            polls.setResultsVisible(p.id(), true);
            return polls.open(p.id());
        });
        FlakyNetwork network = network();
        Browser learner = browser(network.baseUrl());
        learner.login(w.studentA().email(), Fixtures.PASSWORD);
        learner.open("sessions/" + session.id());
        learner.waitFor(By.id("poll-" + poll.id()));
        until(learner.driver(), Duration.ofSeconds(20), "beats over the WebSocket",
                d -> Boolean.TRUE.equals(connection(learner).get("beats")));
        assertThat(learner.resourceUrls()).as("push starts on the WebSocket").noneMatch(u -> u.contains("X-Atmosphere-Transport=long-polling"));

        // The WebSocket stays open and carries nothing from now on.
        network.blackHoleWebSockets(true);
        long start = System.nanoTime();
        Actors.as(w.instructorA(), () -> liveSessions.announce(session.id(), "Coffee in the lobby"));
        until(learner.driver(), Duration.ofSeconds(20), "the announcement behind the black hole",
                d -> learner.text(By.id("announcements")).contains("Coffee in the lobby"));
        Duration announcement = Duration.ofNanos(System.nanoTime() - start);

        start = System.nanoTime();
        Actors.as(w.studentsA().get(1), () -> polls.vote(poll.id(), Set.of(poll.options().getFirst().id())));
        until(learner.driver(), Duration.ofSeconds(20), "the tally behind the black hole",
                d -> learner.text(By.cssSelector("#poll-" + poll.id() + " .poll-voters")).equals("1 vote"));
        Duration tally = Duration.ofNanos(System.nanoTime() - start);

        Map<String, Object> state = connection(learner);
        System.out.println("Black-holed WebSocket: announcement after " + announcement.toMillis() + " ms, tally after "
                + tally.toMillis() + " ms; connection " + state);
        assertThat(announcement).isLessThan(Duration.ofSeconds(5));
        assertThat(tally).isLessThan(Duration.ofSeconds(5));
        assertThat(state).containsEntry("push", "long-polling").containsEntry("stalls", 1L);
        assertThat(learner.resourceUrls()).anyMatch(u -> u.contains("X-Atmosphere-Transport=long-polling"));
    }

    @Test
    void while_the_server_cannot_be_reached_a_banner_says_so_the_page_is_inert_and_back_online_follows() throws Exception {
        World w = fixtures.world(2, 2);
        SessionSummary session = sessions.liveSessionOfA(w);
        FlakyNetwork network = network();
        Browser learner = browser(network.baseUrl());
        learner.login(w.studentA().email(), Fixtures.PASSWORD);
        learner.open("sessions/" + session.id());
        learner.waitFor(By.id("question-text"));
        until(learner.driver(), Duration.ofSeconds(20), "the watch", d -> Boolean.TRUE.equals(connection(learner).get("beats")));

        network.down();
        long start = System.nanoTime();
        until(learner.driver(), Duration.ofSeconds(20), "the reconnecting banner", d -> banner(learner).equals(OFFLINE));
        System.out.println("Reconnecting banner shown " + Duration.ofNanos(System.nanoTime() - start).toMillis()
                + " ms after the server became unreachable");
        assertThat(learner.script("return document.getElementById('connection-banner').getAttribute('role')")).isEqualTo("status");
        assertThat(learner.script("return document.getElementById('connection-banner').getAttribute('aria-live')")).isEqualTo("assertive");
        assertThat(learner.script("return document.getElementById('question-text').closest('[inert]') !== null"))
                .as("the ask box does not pretend to work").isEqualTo(true);
        assertThat(learner.script("return document.getElementById('connection-banner').closest('[inert]') === null")).isEqualTo(true);
        // target/screenshots by default; -Dacademy.docs.images=docs/images refreshes the documentation's copy.
        Path image = Path.of(System.getProperty("academy.docs.images", "target/screenshots"), "reconnecting.png");
        Files.createDirectories(image.getParent());
        Files.write(image, ((org.openqa.selenium.TakesScreenshot) learner.driver()).getScreenshotAs(OutputType.BYTES));

        network.up();
        until(learner.driver(), Duration.ofSeconds(30), "back online", d -> banner(learner).equals(BACK));
        assertThat(learner.script("return document.getElementById('question-text').closest('[inert]') === null")).isEqualTo(true);
        until(learner.driver(), Duration.ofSeconds(10), "the banner goes", d -> banner(learner).isEmpty());
    }

    @Test
    void a_chat_message_typed_before_the_connection_was_lost_comes_back_marked_not_sent_and_is_sent_once() {
        World w = fixtures.world(2, 2);
        long room = Actors.as(w.studentA(), () -> chat.cohortRoom(w.cohortA().id()).id());
        FlakyNetwork network = network();
        Browser learner = browser(network.baseUrl());
        learner.login(w.studentA().email(), Fixtures.PASSWORD);
        learner.open("chat/" + w.cohortA().id());
        learner.waitFor(By.cssSelector("#chat-input textarea")).sendKeys("See you after the break");
        until(learner.driver(), Duration.ofSeconds(10), "the draft kept in the tab", d -> "See you after the break".equals(
                learner.script("return sessionStorage.getItem('academy-draft:chat-" + room + "')")));

        // The connection goes; the page that comes back is a new one (as after a restart).
        network.down();
        until(learner.driver(), Duration.ofSeconds(20), "the reconnecting banner", d -> banner(learner).equals(OFFLINE));
        network.up();
        learner.open("chat/" + w.cohortA().id());
        until(learner.driver(), Duration.ofSeconds(20), "the draft back in the box", d -> "See you after the break".equals(
                learner.script("return document.querySelector('#chat-input').value")));
        assertThat(learner.text(By.id("chat-not-sent"))).startsWith("Not sent");
        assertThat(Actors.as(w.studentA(), () -> chat.latest(room, 10)).messages()).isEmpty();

        learner.click(By.id("chat-send"));
        until(learner.driver(), Duration.ofSeconds(10), "posted", d -> learner.text(By.id("chat-messages")).contains("See you after the break"));
        until(learner.driver(), Duration.ofSeconds(10), "the note goes", d -> learner.text(By.id("chat-not-sent")).isEmpty());
        learner.open("chat/" + w.cohortA().id());
        learner.waitFor(By.id("chat-messages"));
        until(learner.driver(), Duration.ofSeconds(10), "the draft forgotten once sent",
                d -> learner.script("return sessionStorage.getItem('academy-draft:chat-" + room + "')") == null);
        assertThat(learner.script("return document.querySelector('#chat-input').value")).isEqualTo("");
        List<ChatMessage> messages = Actors.as(w.studentA(), () -> chat.latest(room, 10)).messages();
        assertThat(messages).extracting(ChatMessage::text).containsExactly("See you after the break");
    }

    @Test
    void create_poll_clicked_right_after_typing_the_options_reads_what_the_instructor_sees() {
        World w = fixtures.world(1, 2);
        SessionSummary session = sessions.liveSessionOfA(w);
        Browser facilitator = browser("http://localhost:" + port + "/");
        facilitator.login(w.instructorA().email(), Fixtures.PASSWORD);
        facilitator.open("sessions/" + session.id() + "/facilitate");
        facilitator.waitFor(By.cssSelector("#poll-options textarea"));
        // Typed and clicked in one go, faster than any debounce: the click must not overtake the text.
        facilitator.script("""
                const q = document.querySelector('#poll-question input');
                q.value = 'Which tool?'; q.dispatchEvent(new Event('input', {bubbles: true}));
                const o = document.querySelector('#poll-options textarea');
                o.value = 'ChatGPT\\nCopilot\\nClaude'; o.dispatchEvent(new Event('input', {bubbles: true}));
                document.getElementById('create-poll').click();
                """);
        until(facilitator.driver(), Duration.ofSeconds(10), "the poll", d -> !Actors.as(w.instructorA(),
                () -> polls.polls(session.id())).isEmpty());
        PollView created = Actors.as(w.instructorA(), () -> polls.polls(session.id())).getFirst();
        assertThat(created.question()).isEqualTo("Which tool?");
        assertThat(created.options()).extracting(o -> o.label()).containsExactly("ChatGPT", "Copilot", "Claude");
        assertThat(facilitator.driver().findElements(By.cssSelector("vaadin-notification-card"))).isEmpty();
    }

    /**
     * Issue 13's "a client offline for 10 s … its view equals the server state afterwards", for presence: a page
     * offline long enough to be moved to long polling keeps following arrivals and departures, down to the last one
     * (a lost last push on long polling has no later message to reveal the gap).
     */
    @Test
    void a_page_back_from_being_offline_shows_every_arrival_and_departure_down_to_the_last() throws Exception {
        World w = fixtures.world(12, 2);
        SessionSummary session = sessions.liveSessionOfA(w);
        FlakyNetwork network = network();
        Browser learner = browser(network.baseUrl());
        learner.login(w.studentA().email(), Fixtures.PASSWORD);
        learner.open("sessions/" + session.id());
        until(learner.driver(), Duration.ofSeconds(20), "alone in the session",
                d -> learner.text(By.id("presence-count")).equals("1 learner here"));
        until(learner.driver(), Duration.ofSeconds(20), "beats over the WebSocket",
                d -> Boolean.TRUE.equals(connection(learner).get("beats")));

        network.down();
        // Offline until the page has missed its beats and asked (in vain, for now) to leave the WebSocket.
        until(learner.driver(), Duration.ofSeconds(20), "the page notices the silence",
                d -> Boolean.TRUE.equals(connection(learner).get("stalled")));
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
                // The scenario's own rhythm (changes at random moments, some together), not a wait for a condition.
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
