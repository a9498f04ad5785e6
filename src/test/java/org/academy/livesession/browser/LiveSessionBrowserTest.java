package org.academy.livesession.browser;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.academy.livesession.SessionSummary;
import org.academy.poll.PollService;
import org.academy.poll.PollView;
import org.academy.qa.QaService;
import org.academy.qa.QuestionOrder;
import org.academy.qa.QuestionView;
import org.academy.testing.Actors;
import org.academy.testing.Browser;
import org.academy.testing.Fixtures;
import org.academy.testing.Fixtures.World;
import org.academy.testing.Sessions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.FluentWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One facilitator and three learners, each in their own headless Chromium: a poll is opened and
 * voted on, a question is asked, upvoted and marked answered, and every browser sees it live.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import({Fixtures.class, Sessions.class})
class LiveSessionBrowserTest {

    @LocalServerPort
    int port;
    @Autowired
    Fixtures fixtures;
    @Autowired
    Sessions sessions;
    @Autowired
    PollService polls;
    @Autowired
    QaService qa;

    final List<Browser> browsers = new ArrayList<>();

    @AfterEach
    void closeBrowsers() {
        browsers.forEach(Browser::close);
    }

    Browser browser() {
        Browser b = new Browser("http://localhost:" + port + "/");
        browsers.add(b);
        return b;
    }

    static void until(WebDriver driver, String what, java.util.function.Function<WebDriver, Boolean> condition) {
        new FluentWait<>(driver).withTimeout(Duration.ofSeconds(20)).pollingEvery(Duration.ofMillis(10))
                .withMessage(what).ignoring(org.openqa.selenium.NoSuchElementException.class)
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(condition);
    }

    @Test
    void a_facilitator_and_three_learners_see_polls_and_questions_change_live() {
        World w = fixtures.world(3, 2);
        SessionSummary session = sessions.liveSessionOfA(w);

        Browser facilitator = browser();
        facilitator.login(w.instructorA().email(), Fixtures.PASSWORD);
        facilitator.open("sessions/" + session.id() + "/facilitate");
        facilitator.waitFor(By.cssSelector("#poll-question input")).sendKeys("Which tool do you use most?");
        facilitator.waitFor(By.cssSelector("#poll-options textarea")).sendKeys("ChatGPT\nCopilot\nClaude");
        facilitator.click(By.id("create-poll"));
        until(facilitator.driver(), "poll created", d -> !Actors.as(w.instructorA(), () -> polls.polls(session.id())).isEmpty());
        PollView poll = Actors.as(w.instructorA(), () -> polls.polls(session.id())).getFirst();
        facilitator.click(By.id("poll-" + poll.id() + "-open"));

        List<Browser> learners = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Browser learner = browser();
            learner.login(w.studentsA().get(i).email(), Fixtures.PASSWORD);
            learner.open("sessions/" + session.id());
            learners.add(learner);
        }

        // Every learner votes; the facilitator's count follows.
        String[] picks = {"Claude", "Copilot", "Claude"};
        long lastClick = 0;
        for (int i = 0; i < 3; i++) {
            Browser learner = learners.get(i);
            String pick = picks[i];
            until(learner.driver(), "ballot shown", d -> !d.findElements(By.id("poll-" + poll.id() + "-vote")).isEmpty());
            WebElement radio = learner.driver().findElements(By.cssSelector("#poll-" + poll.id() + " vaadin-radio-button"))
                    .stream().filter(r -> r.getText().contains(pick)).findFirst().orElseThrow();
            learner.click(radio);
            lastClick = System.nanoTime();
            learner.click(By.id("poll-" + poll.id() + "-vote"));
        }
        until(facilitator.driver(), "three votes on the facilitator's screen", d ->
                d.findElement(By.cssSelector("#poll-" + poll.id() + " .poll-voters")).getText().equals("3 votes"));
        long voteToScreen = (System.nanoTime() - lastClick) / 1_000_000;
        String claude = facilitator.text(By.cssSelector("#poll-" + poll.id() + " .poll-count[data-option='"
                + poll.options().get(2).id() + "']"));
        assertThat(claude).isEqualTo("2 (67 %)");

        // Results revealed: every learner sees the bars.
        facilitator.click(By.id("poll-" + poll.id() + "-reveal"));
        for (Browser learner : learners) {
            until(learner.driver(), "revealed results", d ->
                    d.findElement(By.cssSelector("#poll-" + poll.id() + " .poll-voters")).getText().equals("3 votes"));
        }

        // A learner asks, another upvotes, the facilitator marks it answered: everyone sees it.
        learners.get(0).waitFor(By.cssSelector("#question-text textarea")).sendKeys("Can we keep the slides?");
        learners.get(0).click(By.id("ask"));
        until(facilitator.driver(), "question stored", d ->
                !Actors.as(w.instructorA(), () -> qa.questions(session.id(), QuestionOrder.TOP)).isEmpty());
        QuestionView question = Actors.as(w.instructorA(), () -> qa.questions(session.id(), QuestionOrder.TOP)).getFirst();
        learners.get(1).click(By.id("question-" + question.id() + "-upvote"));
        until(facilitator.driver(), "upvote on the facilitator's screen", d ->
                d.findElement(By.cssSelector("#question-" + question.id() + " .live-status")).getText().endsWith("1 upvote"));
        facilitator.click(By.id("question-" + question.id() + "-answered"));
        for (Browser b : browsers) {
            until(b.driver(), "answered badge", d ->
                    d.findElement(By.id("question-" + question.id())).getText().contains("Answered"));
        }

        facilitator.screenshot("LiveSessionBrowserTest-facilitator");
        learners.get(1).screenshot("LiveSessionBrowserTest-learner");
        System.out.printf("Live session: last vote click to the facilitator's count in %d ms%n", voteToScreen);
        assertThat(Actors.as(w.instructorA(), () -> polls.polls(session.id())).getFirst().voters()).isEqualTo(3);
    }
}
