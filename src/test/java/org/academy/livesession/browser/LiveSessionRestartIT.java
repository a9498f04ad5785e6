package org.academy.livesession.browser;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;

import org.academy.testing.AppProcess;
import org.academy.testing.Browser;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.FluentWait;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 10, items 2, 3 and 4 with the packaged jar in a JVM of its own: an instructor on their
 * console and a learner in the session, each in a real browser; the JVM is killed (SIGKILL) and
 * started again on the same port and schema. Both browsers say they are reconnecting, then come back
 * by themselves, logged in (remember-me), on the screen they were on, rebuilt from the database;
 * the learner's unsent chat text is back in the box, marked as not sent.
 */
class LiveSessionRestartIT {

    static final String OFFLINE = "Reconnecting… your last action may not have been saved.";
    static final String BACK = "Back online.";

    static void until(WebDriver driver, Duration timeout, String what, java.util.function.Function<WebDriver, Boolean> condition) {
        new FluentWait<>(driver).withTimeout(timeout).pollingEvery(Duration.ofMillis(100)).withMessage(what)
                .ignoring(org.openqa.selenium.NoSuchElementException.class)
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .ignoring(org.openqa.selenium.JavascriptException.class)
                .ignoring(org.openqa.selenium.WebDriverException.class)
                .until(condition);
    }

    static String banner(Browser b) {
        return String.valueOf(b.script("const e = document.getElementById('connection-banner'); return e ? e.textContent : null;"));
    }

    /** Where a browser is and what it shows, for a failure message. */
    static String where(Browser b) {
        try {
            return b.driver().getCurrentUrl() + " showing: " + String.valueOf(b.script("return document.body.innerText")).replace('\n', ' ');
        } catch (RuntimeException e) {
            return "(unknown: " + e.getMessage() + ")";
        }
    }

    static boolean has(Browser b, By by) {
        return !b.driver().findElements(by).isEmpty();
    }

    @Test
    void after_kill_9_and_a_restart_the_instructor_and_the_learner_are_back_logged_in_on_their_screens() throws Exception {
        try (AppProcess app = AppProcess.create("restart-live-session", Map.of("spring.profiles.active", "demo")).start();
             Browser instructor = new Browser("http://localhost:" + app.port() + "/");
             Browser learner = new Browser("http://localhost:" + app.port() + "/")) {
            long sessionId;
            try (Connection db = app.connect(); Statement s = db.createStatement();
                 ResultSet rows = s.executeQuery("select id from live_session where status <> 'ENDED' order by starts_at, id limit 1")) {
                assertThat(rows.next()).as("the demo schedules a session").isTrue();
                sessionId = rows.getLong(1);
            }
            String console = "sessions/" + sessionId + "/facilitate";
            String participant = "sessions/" + sessionId;

            instructor.login("instructor@academy.demo", "academy");
            instructor.open(console);
            instructor.waitFor(By.id("session-status"));
            if (!instructor.text(By.id("session-status")).equals("Live now")) {
                instructor.click(By.id("start-session"));
                // A start far from the scheduled time may ask to confirm.
                until(instructor.driver(), Duration.ofSeconds(5), "started or asked", d -> instructor.text(By.id("session-status"))
                        .equals("Live now") || has(instructor, By.cssSelector("vaadin-confirm-dialog-overlay[opened]")));
                if (has(instructor, By.cssSelector("vaadin-confirm-dialog-overlay[opened]"))) {
                    instructor.click(By.cssSelector("vaadin-confirm-dialog-overlay[opened] [slot='confirm-button']"));
                }
            }
            until(instructor.driver(), Duration.ofSeconds(20), "the session live", d -> instructor.text(By.id("session-status")).equals("Live now"));

            learner.login("student1@northwind.demo", "academy");
            learner.open(participant);
            until(learner.driver(), Duration.ofSeconds(20), "the learner in the session",
                    d -> learner.text(By.id("participant-state")).equals("You are in the live session."));
            learner.waitFor(By.cssSelector("#chat-input textarea")).sendKeys("Typed just before the crash");
            until(learner.driver(), Duration.ofSeconds(10), "the draft kept", d -> "Typed just before the crash".equals(
                    learner.script("return document.querySelector('#chat-input').value")));

            long killedAt = System.nanoTime();
            app.kill9();
            until(learner.driver(), Duration.ofSeconds(30), "the learner told", d -> banner(learner).equals(OFFLINE));
            until(instructor.driver(), Duration.ofSeconds(30), "the instructor told", d -> banner(instructor).equals(OFFLINE));
            Path image = Path.of("target", "screenshots", "restart-reconnecting.png");
            Files.createDirectories(image.getParent());
            Files.write(image, ((TakesScreenshot) instructor.driver()).getScreenshotAs(OutputType.BYTES));

            app.start();
            long upAfter = (System.nanoTime() - killedAt) / 1_000_000;
            long upAt = System.nanoTime();

            until(instructor.driver(), Duration.ofSeconds(60), "the instructor back on the console (" + "see target/it-logs)",
                    d -> d.getCurrentUrl().endsWith("/" + console) && has(instructor, By.id("end-session"))
                            && instructor.driver().findElement(By.id("end-session")).isDisplayed());
            long instructorBack = (System.nanoTime() - upAt) / 1_000_000;
            try {
                until(learner.driver(), Duration.ofSeconds(60), "the learner back in the session",
                        d -> d.getCurrentUrl().endsWith("/" + participant)
                                && learner.text(By.id("participant-state")).equals("You are in the live session."));
            } catch (org.openqa.selenium.TimeoutException e) {
                throw new AssertionError("The learner did not come back: " + where(learner), e);
            }
            long learnerBack = (System.nanoTime() - upAt) / 1_000_000;

            assertThat(instructor.driver().getCurrentUrl()).doesNotContain("login");
            assertThat(learner.driver().getCurrentUrl()).doesNotContain("login");
            assertThat(instructor.text(By.id("session-status"))).isEqualTo("Live now");
            until(learner.driver(), Duration.ofSeconds(10), "the learner's text back, not sent", d -> "Typed just before the crash".equals(
                    learner.script("return document.querySelector('#chat-input').value")));
            assertThat(learner.text(By.id("chat-not-sent"))).startsWith("Not sent");
            until(learner.driver(), Duration.ofSeconds(10), "back online said", d -> banner(learner).equals(BACK) || banner(learner).isEmpty());

            System.out.printf("RESTART: killed with SIGKILL, serving again after %d ms; instructor back on the console %d ms"
                    + " and learner back in the session %d ms after that, both without a password%n", upAfter, instructorBack, learnerBack);
        }
    }
}
