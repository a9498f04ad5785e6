package org.academy.project.browser;

import java.time.Duration;
import java.util.function.Function;

import org.academy.project.ProjectService;
import org.academy.testing.Actors;
import org.academy.testing.Browser;
import org.academy.testing.Fixtures;
import org.academy.testing.Fixtures.World;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.FluentWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two real browsers: a learner hands in a project and the instructor's review queue counts it
 * without a reload; the instructor sends feedback and the learner's notification badge and lesson
 * page show it without a reload. Both latencies are printed.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(Fixtures.class)
class ProjectFeedbackBrowserTest {

    @LocalServerPort
    int port;
    @Autowired
    Fixtures fixtures;
    @Autowired
    ProjectService projects;

    World world;
    Browser student;
    Browser instructor;

    @BeforeEach
    void setUp() {
        world = fixtures.world(3, 3);
        Actors.as(world.admin(), () -> projects.setBrief(world.courseA().lessons().getLast().id(), "Build a small thing."));
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
    void a_submission_reaches_the_queue_and_the_feedback_reaches_the_learner_without_reload() {
        long cohort = world.cohortA().id();
        long lesson = world.courseA().lessons().getLast().id();
        instructor.login(world.instructorA().email(), Fixtures.PASSWORD);
        instructor.open("cohorts/" + cohort + "/reviews");
        assertThat(instructor.text(By.id("reviews-waiting-tab"))).isEqualTo("Waiting (0)");
        Object instructorPage = instructor.script("return window.__academyNoReload = Math.random();");

        student.login(world.studentA().email(), Fixtures.PASSWORD);
        student.open("learn/" + cohort + "/lesson/" + lesson);
        student.waitFor(By.cssSelector("#project-answer textarea")).sendKeys("My **answer**");
        until(student, d -> d.findElement(By.id("project-preview")).getText().contains("answer"));
        Object studentPage = student.script("return window.__academyNoReload = Math.random();");

        long start = System.nanoTime();
        student.click(By.id("project-submit"));
        until(instructor, d -> d.findElement(By.id("reviews-waiting-tab")).getText().equals("Waiting (1)"));
        Duration toQueue = Duration.ofNanos(System.nanoTime() - start);

        instructor.click(By.xpath("//vaadin-grid-cell-content[contains(., '" + world.studentA().displayName() + "')]"));
        instructor.waitFor(By.cssSelector("#feedback-text textarea")).sendKeys("Clear and correct.");
        instructor.waitFor(By.cssSelector("#feedback-grade input")).sendKeys("Pass");
        until(instructor, d -> d.findElement(By.id("feedback-preview")).getText().contains("Clear and correct."));

        start = System.nanoTime();
        instructor.click(By.id("feedback-send"));
        until(student, d -> d.findElement(By.id("notifications-unread")).getText().equals("1"));
        Duration toBadge = Duration.ofNanos(System.nanoTime() - start);
        until(student, d -> !d.findElements(By.id("project-grade")).isEmpty());
        Duration toLessonPage = Duration.ofNanos(System.nanoTime() - start);

        System.out.printf("Projects live: submission in the instructor's queue after %d ms; feedback on the learner's "
                        + "badge after %d ms and on the lesson page after %d ms%n",
                toQueue.toMillis(), toBadge.toMillis(), toLessonPage.toMillis());
        instructor.screenshot(getClass().getSimpleName() + "-instructor");
        student.screenshot(getClass().getSimpleName() + "-student");

        assertThat(student.text(By.id("project-grade"))).isEqualTo("Grade: Pass");
        assertThat(instructor.text(By.id("reviews-reviewed-tab"))).isEqualTo("Reviewed (1)");
        assertThat(instructor.script("return window.__academyNoReload;")).isEqualTo(instructorPage);
        assertThat(student.script("return window.__academyNoReload;")).isEqualTo(studentPage);
    }

    private static void until(Browser browser, Function<WebDriver, Boolean> condition) {
        new FluentWait<>(browser.driver()).withTimeout(Duration.ofSeconds(20)).pollingEvery(Duration.ofMillis(10))
                .ignoring(org.openqa.selenium.NoSuchElementException.class)
                .until(condition);
    }
}
