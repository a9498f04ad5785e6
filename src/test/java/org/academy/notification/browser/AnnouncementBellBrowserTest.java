package org.academy.notification.browser;

import org.springframework.test.annotation.DirtiesContext;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.function.Function;

import org.academy.livesession.LiveSessionService;
import org.academy.livesession.SessionSummary;
import org.academy.notification.NotificationPreferenceService;
import org.academy.notification.NotificationType;
import org.academy.notification.NotificationType.EmailMode;
import org.academy.testing.Actors;
import org.academy.testing.Browser;
import org.academy.testing.Eventually;
import org.academy.testing.Fixtures;
import org.academy.testing.Fixtures.World;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.FluentWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two real browsers: an instructor announces in the session console, and a learner's bell badge
 * (on another page) rises without a reload; the same announcement, which this learner takes by
 * mail, reaches the SMTP server (GreenMail). Both delays from the click are printed.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(Fixtures.class)
// Its mail worker talks to this class's SMTP server: closed with the class, so that it does not send
// (or park) mail that later test classes queue in the same schema.
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class AnnouncementBellBrowserTest {

    static final int SMTP_PORT = freePort();
    static final GreenMail smtp = new GreenMail(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));

    static {
        smtp.start();
    }

    @DynamicPropertySource
    static void mail(DynamicPropertyRegistry registry) {
        registry.add("academy.scheduling.enabled", () -> "true");
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> SMTP_PORT);
    }

    @AfterAll
    static void stopSmtp() {
        smtp.stop();
    }

    @LocalServerPort
    int port;
    @Autowired
    Fixtures fixtures;
    @Autowired
    LiveSessionService sessions;
    @Autowired
    NotificationPreferenceService preferences;

    Browser instructor;
    Browser learner;

    @AfterEach
    void close() {
        if (instructor != null) {
            instructor.close();
        }
        if (learner != null) {
            learner.close();
        }
    }

    @Test
    void an_announcement_raises_the_bell_in_another_browser_without_reload_and_is_mailed() {
        World w = fixtures.world();
        Instant start = Instant.now().plus(Duration.ofDays(20)).truncatedTo(ChronoUnit.MINUTES);
        SessionSummary s = Actors.as(w.instructorA(), () -> sessions.schedule(w.cohortA().id(), "Kick-off", start,
                start.plus(Duration.ofHours(1))));
        Actors.as(w.studentA(), () -> preferences.change(NotificationType.ANNOUNCEMENT, true, EmailMode.IMMEDIATE));
        String base = "http://localhost:" + port + "/";
        instructor = new Browser(base);
        learner = new Browser(base);

        learner.login(w.studentA().email(), Fixtures.PASSWORD);
        learner.open("learn");
        learner.waitFor(By.tagName("vaadin-side-nav"));
        assertThat(learner.driver().findElements(By.cssSelector("#notifications-unread:not([hidden])"))).isEmpty();
        Object page = learner.script("return window.__academyNoReload = Math.random();");

        instructor.login(w.instructorA().email(), Fixtures.PASSWORD);
        instructor.open("sessions/" + s.id() + "/facilitate");
        instructor.waitFor(By.cssSelector("#announcement-text textarea")).sendKeys("Coffee at 10:30");

        long clicked = System.nanoTime();
        instructor.click(By.id("announce"));
        until(learner, d -> d.findElement(By.id("notifications-unread")).getText().equals("1"));
        long inAppMs = (System.nanoTime() - clicked) / 1_000_000;
        Eventually.await("the announcement mail", Duration.ofSeconds(30), () -> smtp.getReceivedMessages().length >= 1);
        long mailMs = (System.nanoTime() - clicked) / 1_000_000;

        System.out.printf("NOTIFICATION TIMELINESS: announcement click → bell badge in another browser %d ms (target ≤ 2,000); "
                + "→ mail received by the SMTP server %d ms (target ≤ 30,000)%n", inAppMs, mailMs);
        learner.screenshot(getClass().getSimpleName() + "-learner");
        assertThat(learner.script("return window.__academyNoReload;")).isEqualTo(page);
        assertThat(inAppMs).isLessThanOrEqualTo(2_000);
        assertThat(mailMs).isLessThanOrEqualTo(30_000);
    }

    private static void until(Browser browser, Function<WebDriver, Boolean> condition) {
        new FluentWait<>(browser.driver()).withTimeout(Duration.ofSeconds(20)).pollingEvery(Duration.ofMillis(10))
                .ignoring(org.openqa.selenium.NoSuchElementException.class)
                .until(condition);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
