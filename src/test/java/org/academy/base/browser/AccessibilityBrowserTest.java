package org.academy.base.browser;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.academy.chat.ChatService;
import org.academy.livesession.LiveSessionService;
import org.academy.livesession.SessionSummary;
import org.academy.poll.NewPoll;
import org.academy.poll.PollService;
import org.academy.poll.PollView;
import org.academy.qa.QaService;
import org.academy.qa.QuestionOrder;
import org.academy.testing.Actors;
import org.academy.testing.Browser;
import org.academy.testing.Fixtures;
import org.academy.testing.Fixtures.World;
import org.academy.testing.Sessions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.FluentWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 10, item 16. axe-core (bundled in its Java binding: nothing fetched at run time) checks
 * every main screen of every role for serious and critical violations; and a learner joins a
 * session, votes, asks and chats with the keyboard alone.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import({Fixtures.class, Sessions.class})
class AccessibilityBrowserTest {

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
    QaService qa;
    @Autowired
    ChatService chat;

    final List<Browser> browsers = new ArrayList<>();

    @AfterEach
    void close() {
        browsers.forEach(Browser::close);
    }

    Browser browser() {
        Browser b = new Browser("http://localhost:" + port + "/");
        browsers.add(b);
        return b;
    }

    static void until(WebDriver d, String what, Function<WebDriver, Boolean> condition) {
        new FluentWait<>(d).withTimeout(Duration.ofSeconds(20)).pollingEvery(Duration.ofMillis(50)).withMessage(what)
                .ignoring(org.openqa.selenium.NoSuchElementException.class)
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(condition);
    }

    /** Serious and critical violations of the page as it is now, as "rule: target" lines. */
    static List<String> seriousViolations(Browser b) {
        Results results = new AxeBuilder().analyze(b.driver());
        List<String> found = new ArrayList<>();
        for (Rule rule : results.getViolations()) {
            if ("serious".equals(rule.getImpact()) || "critical".equals(rule.getImpact())) {
                rule.getNodes().forEach(node -> found.add(rule.getId() + " (" + rule.getImpact() + "): " + node.getTarget()
                        + " " + node.getFailureSummary().replace('\n', ' ')));
            }
        }
        return found;
    }

    private void check(Browser b, String screen, String path, By ready, Map<String, List<String>> report) {
        b.open(path);
        b.waitFor(ready);
        // Let web components render and the first push settle before judging.
        until(b.driver(), "page ready", d -> Boolean.TRUE.equals(b.script(
                "return document.readyState === 'complete' && !document.querySelector('vaadin-connection-indicator[loading]');")));
        report.put(screen, seriousViolations(b));
    }

    @Test
    void every_main_screen_of_every_role_has_no_serious_or_critical_axe_violation() {
        World w = fixtures.world(3, 3);
        SessionSummary live = sessions.liveSessionOfA(w);
        PollView poll = Actors.as(w.instructorA(), () -> polls.open(polls.create(live.id(),
                new NewPoll("Which tool do you use most?", List.of("ChatGPT", "Copilot", "Claude"), false, Set.of())).id()));
        Actors.as(w.studentA(), () -> qa.ask(live.id(), "How do we evaluate prompts?", false));
        Actors.as(w.studentA(), () -> chat.post(chat.cohortRoom(w.cohortA().id()).id(), "Hello everyone"));
        Instant later = Instant.now().plus(1, ChronoUnit.DAYS);
        SessionSummary ended = Actors.as(w.instructorA(), () -> liveSessions.schedule(w.cohortA().id(), "Ended", later,
                later.plus(1, ChronoUnit.HOURS)));
        Actors.as(w.instructorA(), () -> liveSessions.start(ended.id()));
        Actors.as(w.instructorA(), () -> liveSessions.end(ended.id()));
        long cohort = w.cohortA().id();
        long lesson = w.courseA().lessons().getFirst().id();
        By main = By.cssSelector("vaadin-app-layout h2, vaadin-app-layout h1");
        Map<String, List<String>> report = new LinkedHashMap<>();

        Browser anonymous = browser();
        anonymous.open("login");
        anonymous.waitFor(By.cssSelector("input[name='username']"));
        report.put("anonymous: login", seriousViolations(anonymous));

        Browser student = browser();
        student.login(w.studentA().email(), Fixtures.PASSWORD);
        check(student, "student: my learning", "learn", main, report);
        check(student, "student: lesson", "learn/" + cohort + "/lesson/" + lesson, main, report);
        check(student, "student: live session", "sessions/" + live.id(), By.id("poll-" + poll.id()), report);
        check(student, "student: chat", "chat/" + cohort, By.id("chat-input"), report);
        check(student, "student: notifications", "notifications", main, report);

        Browser instructor = browser();
        instructor.login(w.instructorA().email(), Fixtures.PASSWORD);
        check(instructor, "instructor: cohorts", "cohorts", main, report);
        check(instructor, "instructor: live sessions", "live-sessions", main, report);
        check(instructor, "instructor: dashboard", "cohorts/" + cohort, By.cssSelector("[data-cell]"), report);
        check(instructor, "instructor: sessions of a cohort", "cohorts/" + cohort + "/sessions", main, report);
        check(instructor, "instructor: console", "sessions/" + live.id() + "/facilitate", By.id("poll-" + poll.id()), report);
        check(instructor, "instructor: summary", "sessions/" + ended.id() + "/summary", main, report);
        check(instructor, "instructor: reviews", "cohorts/" + cohort + "/reviews", main, report);
        check(instructor, "instructor: chat", "chat/" + cohort, By.id("chat-input"), report);

        Browser admin = browser();
        admin.login(w.admin().email(), Fixtures.PASSWORD);
        check(admin, "admin: people", "admin/people", main, report);
        check(admin, "admin: organisations", "admin/organisations", main, report);
        check(admin, "admin: courses", "admin/courses", main, report);
        check(admin, "admin: course editor", "admin/courses/" + w.courseA().id(), main, report);
        check(admin, "admin: manage cohorts", "admin/cohorts", main, report);

        Browser orgAdmin = browser();
        orgAdmin.login(w.orgAdminA().email(), Fixtures.PASSWORD);
        check(orgAdmin, "org admin: reports", "organisation", main, report);
        check(orgAdmin, "org admin: seats", "seats", main, report);

        int total = 0;
        for (var e : report.entrySet()) {
            System.out.printf("axe %-36s %d serious/critical%n", e.getKey(), e.getValue().size());
            e.getValue().forEach(v -> System.out.println("    " + v));
            total += e.getValue().size();
        }
        System.out.printf("axe: %d screens, %d serious or critical violations%n", report.size(), total);
        assertThat(report).allSatisfy((screen, violations) -> assertThat(violations).as(screen).isEmpty());
    }

    // ---- keyboard only --------------------------------------------------------------------------

    /** Ids of the focused element and its ancestors, through shadow roots. */
    @SuppressWarnings("unchecked")
    static List<String> focusPath(Browser b) {
        return (List<String>) b.script("""
                const ids = [];
                let a = document.activeElement;
                while (a && a.shadowRoot && a.shadowRoot.activeElement) { a = a.shadowRoot.activeElement; }
                for (let e = a; e; e = e.parentElement || (e.getRootNode() && e.getRootNode().host)) {
                    if (e.id) { ids.push(e.id); }
                }
                return ids;
                """);
    }

    /** Presses Tab (as a person would) until the focus is in the element with this id. */
    static int tabTo(Browser b, String id) {
        for (int presses = 1; presses <= 80; presses++) {
            new Actions(b.driver()).sendKeys(Keys.TAB).perform();
            if (focusPath(b).contains(id)) {
                return presses;
            }
        }
        throw new AssertionError("Tab never reached #" + id + "; focus ends at " + focusPath(b));
    }

    static void keys(Browser b, CharSequence... keys) {
        new Actions(b.driver()).sendKeys(keys).perform();
    }

    @Test
    void a_learner_joins_votes_asks_and_chats_with_the_keyboard_alone() {
        World w = fixtures.world(2, 2);
        SessionSummary live = sessions.liveSessionOfA(w);
        PollView poll = Actors.as(w.instructorA(), () -> polls.open(polls.create(live.id(),
                new NewPoll("Which tool do you use most?", List.of("ChatGPT", "Copilot", "Claude"), false, Set.of())).id()));

        Browser ana = browser();
        ana.login(w.studentA().email(), Fixtures.PASSWORD); // typed, then Enter
        ana.waitFor(By.id("join-session-" + live.id()));
        int presses = tabTo(ana, "join-session-" + live.id());
        keys(ana, Keys.ENTER);
        until(ana.driver(), "in the session", d -> d.getCurrentUrl().endsWith("sessions/" + live.id()));
        ana.waitFor(By.id("poll-" + poll.id() + "-choice"));

        // Vote: into the options, arrow to the second, Space selects it, Tab to Vote, Enter.
        presses += tabTo(ana, "poll-" + poll.id() + "-choice");
        keys(ana, Keys.ARROW_DOWN);
        keys(ana, Keys.SPACE);
        presses += tabTo(ana, "poll-" + poll.id() + "-vote");
        keys(ana, Keys.ENTER);
        until(ana.driver(), "the vote stored", d -> !Actors.as(w.studentA(), () -> polls.polls(live.id()))
                .getFirst().myChoice().isEmpty());
        PollView voted = Actors.as(w.studentA(), () -> polls.polls(live.id())).getFirst();
        assertThat(voted.myChoice()).containsExactly(poll.options().get(1).id());

        // Ask: type into the question box, Tab to Ask, Enter.
        presses += tabTo(ana, "question-text");
        keys(ana, "Can we keep the prompts?");
        presses += tabTo(ana, "ask");
        keys(ana, Keys.ENTER);
        until(ana.driver(), "the question stored", d -> Actors.as(w.instructorA(), () -> qa.questions(live.id(), QuestionOrder.NEWEST))
                .stream().anyMatch(q -> q.text().equals("Can we keep the prompts?")));

        // Chat: type into the session chat, Enter sends.
        presses += tabTo(ana, "chat-input");
        keys(ana, "Thanks, very clear");
        keys(ana, Keys.ENTER);
        long room = Actors.as(w.studentA(), () -> chat.sessionRoom(live.id())).id();
        until(ana.driver(), "the chat message stored", d -> Actors.as(w.studentA(), () -> chat.latest(room, 10))
                .messages().stream().anyMatch(m -> "Thanks, very clear".equals(m.text())));
        System.out.println("Keyboard only: joined, voted, asked and chatted with " + presses + " Tab presses and no mouse");
    }
}
