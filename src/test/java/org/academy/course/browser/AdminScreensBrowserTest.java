package org.academy.course.browser;

import java.time.Duration;

import org.academy.course.CourseOutline;
import org.academy.course.CourseService;
import org.academy.course.NewLesson;
import org.academy.testing.Actors;
import org.academy.testing.Browser;
import org.academy.testing.Fixtures;
import org.academy.testing.Fixtures.World;
import org.academy.testing.Sessions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.FluentWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The markdown preview follows typing in a real browser (the text area's value reaches the server
 * after a pause, the server renders, the page shows it), and the admin screens render there; each
 * leaves a screenshot in target/screenshots for a look.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import({Fixtures.class, Sessions.class})
class AdminScreensBrowserTest {

    @LocalServerPort
    int port;
    @Autowired
    Fixtures fixtures;
    @Autowired
    CourseService courses;

    Browser admin;

    @AfterEach
    void close() {
        if (admin != null) {
            admin.close();
        }
    }

    @Test
    void the_lesson_preview_renders_markdown_as_the_administrator_types() {
        World w = fixtures.world(2, 2);
        CourseOutline draft = Actors.as(w.admin(), () -> {
            CourseOutline d = courses.createDraft("Browser draft " + System.nanoTime(), "");
            courses.addLesson(d.id(), new NewLesson("First", 10, "# First"));
            return courses.outline(d.id());
        });
        admin = new Browser("http://localhost:" + port + "/");
        admin.login(w.admin().email(), Fixtures.PASSWORD);
        admin.open("admin/courses/" + draft.id());
        admin.waitFor(By.cssSelector("#course-lessons"));
        // Select the lesson by clicking its row.
        new FluentWait<>(admin.driver()).withTimeout(Duration.ofSeconds(20)).pollingEvery(Duration.ofMillis(100))
                .until(d -> !d.findElements(By.cssSelector("#course-lessons vaadin-grid-cell-content")).isEmpty());
        admin.driver().findElements(By.cssSelector("#course-lessons vaadin-grid-cell-content")).stream()
                .filter(c -> c.getText().equals("First")).findFirst().orElseThrow().click();

        WebElement text = admin.waitFor(By.cssSelector("#lesson-markdown textarea"));
        // Pasted HTML must not run in the preview (nor for learners, who see the same component).
        text.sendKeys("\n\n<img src=x onerror=\"window.__xss = 1\">\n\nA **bold claim** and a list:\n\n- one\n- two"
                + "\n\n<style>#lesson-preview { display: none }</style>\n\n```html\n<p>in code</p>\n```\n");

        new FluentWait<>(admin.driver()).withTimeout(Duration.ofSeconds(10)).pollingEvery(Duration.ofMillis(100))
                .until(d -> !d.findElements(By.cssSelector("#lesson-preview strong")).isEmpty());
        assertThat(admin.text(By.cssSelector("#lesson-preview strong"))).isEqualTo("bold claim");
        assertThat(admin.driver().findElements(By.cssSelector("#lesson-preview li"))).hasSize(2);
        // An unsanitised <img src=x> would have failed to load and run its handler by now.
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        assertThat(admin.script("return window.__xss === undefined")).isEqualTo(true);
        // Raw HTML shows as text (the style restyles nothing); code keeps its tags as text.
        assertThat(admin.driver().findElements(By.cssSelector("#lesson-preview style, #lesson-preview img"))).isEmpty();
        assertThat(admin.driver().findElement(By.cssSelector("#lesson-preview")).isDisplayed()).isTrue();
        assertThat(admin.text(By.cssSelector("#lesson-preview pre code"))).isEqualTo("<p>in code</p>");
        admin.screenshot("AdminScreensBrowserTest-course-editor");

        for (String page : new String[] {"admin/people", "admin/organisations", "admin/cohorts",
                "seats?organisation=" + w.orgA().id(), "organisation?organisation=" + w.orgA().id()}) {
            admin.open(page);
            admin.waitFor(By.tagName("h2"));
            admin.screenshot("AdminScreensBrowserTest-" + page.replaceAll("[^a-z]+", "-"));
        }
        assertThat(admin.text(By.tagName("h2"))).isEqualTo("Attendance and completion");
    }
}
