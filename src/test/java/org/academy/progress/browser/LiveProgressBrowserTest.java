package org.academy.progress.browser;

import java.time.Duration;

import org.academy.course.LessonSummary;
import org.academy.testing.Browser;
import org.academy.testing.Fixtures;
import org.academy.testing.Fixtures.World;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.FluentWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two real browsers against the running app: a learner completes lessons in one, and the
 * instructor's dashboard in the other shows it without a reload, pushed over WebSocket.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(Fixtures.class)
class LiveProgressBrowserTest {

    /** The product target: a completion shows on the dashboard within a second. */
    static final Duration TARGET = Duration.ofSeconds(1);

    @LocalServerPort
    int port;
    @Autowired
    Fixtures fixtures;

    World world;
    Browser student;
    Browser instructor;

    @BeforeEach
    void setUp() {
        world = fixtures.world(3, 4);
        String base = "http://localhost:" + port + "/";
        instructor = new Browser(base);
        student = new Browser(base);
    }

    @AfterEach
    void tearDown() {
        if (student != null) {
            student.close();
        }
        if (instructor != null) {
            instructor.close();
        }
    }

    @Test
    void a_completion_in_the_learners_browser_appears_on_the_instructors_dashboard_without_reload() {
        instructor.login(world.instructorA().email(), Fixtures.PASSWORD);
        instructor.open("cohorts/" + world.cohortA().id());
        assertThat(instructor.text(By.id("stat-completions"))).isEqualTo("0");
        Object marker = instructor.script("return window.__academyNoReload = Math.random();");

        student.login(world.studentA().email(), Fixtures.PASSWORD);
        Duration first = completeAndMeasure(world.courseA().lessons().get(0), "1");
        Duration second = completeAndMeasure(world.courseA().lessons().get(1), "2");

        System.out.printf("Live progress over %s: completion visible on the dashboard after %d ms (first), %d ms (second)%n",
                transport(), first.toMillis(), second.toMillis());
        instructor.screenshot(getClass().getSimpleName() + "-instructor");
        student.screenshot(getClass().getSimpleName() + "-student");

        // Same page instance throughout: no reload happened.
        assertThat(instructor.script("return window.__academyNoReload;")).isEqualTo(marker);
        String cell = "span[data-cell='" + world.studentA().id() + "-" + world.courseA().lessons().get(1).id() + "']";
        assertThat(instructor.waitFor(By.cssSelector(cell)).getAttribute("class")).isEqualTo("cell-done");
        assertThat(second).as("second completion to dashboard").isLessThan(TARGET);
        assertPushTransport();
    }

    private Duration completeAndMeasure(LessonSummary lesson, String expectedCount) {
        student.open("learn/" + world.cohortA().id() + "/lesson/" + lesson.id());
        var button = student.waitFor(By.id("mark-complete"));
        long start = System.nanoTime();
        button.click();
        new FluentWait<>(instructor.driver())
                .withTimeout(Duration.ofSeconds(20))
                .pollingEvery(Duration.ofMillis(10))
                .until(d -> expectedCount.equals(d.findElement(By.id("stat-completions")).getText()));
        return Duration.ofNanos(System.nanoTime() - start);
    }

    String transport() {
        return "WebSocket";
    }

    void assertPushTransport() {
        assertThat(instructor.resourceUrls()).noneMatch(url -> url.contains("X-Atmosphere-Transport=long-polling"));
    }
}
