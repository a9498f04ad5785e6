package org.academy.identity.browser;

import java.time.Duration;
import java.util.UUID;

import org.academy.identity.IdentityService;
import org.academy.testing.Actors;
import org.academy.testing.Browser;
import org.academy.testing.Fixtures;
import org.academy.testing.Fixtures.World;
import org.academy.testing.Sessions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.FluentWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What only a real browser with a real session proves: a deactivated person's open session ends,
 * and a reset link lets them choose a password and log in with it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import({Fixtures.class, Sessions.class})
class AccountLifecycleBrowserTest {

    @LocalServerPort
    int port;
    @Autowired
    Fixtures fixtures;
    @Autowired
    IdentityService identity;

    Browser student;

    @AfterEach
    void close() {
        if (student != null) {
            student.close();
        }
    }

    private void awaitUrl(String fragment) {
        new FluentWait<>(student.driver()).withTimeout(Duration.ofSeconds(20)).pollingEvery(Duration.ofMillis(100))
                .until(d -> d.getCurrentUrl().contains(fragment));
    }

    @Test
    void a_deactivated_learner_is_logged_out_and_a_reset_link_brings_them_back_with_a_new_password() {
        World w = fixtures.world(1, 1);
        student = new Browser("http://localhost:" + port + "/");
        student.login(w.studentA().email(), Fixtures.PASSWORD);
        student.open("learn");
        student.waitFor(By.tagName("vaadin-side-nav"));

        Actors.as(w.admin(), () -> identity.setActive(w.studentA().id(), false));
        student.open("learn");
        awaitUrl("/login");

        Actors.as(w.admin(), () -> identity.setActive(w.studentA().id(), true));
        UUID link = Actors.as(w.admin(), () -> identity.resetPassword(w.studentA().id()));
        student.open("invitation/" + link);
        student.waitFor(By.id("invitation-password"));
        student.driver().findElement(By.cssSelector("#invitation-password input")).sendKeys("correct horse battery");
        student.driver().findElement(By.cssSelector("#invitation-repeat input")).sendKeys("correct horse battery");
        student.click(By.id("invitation-save"));
        awaitUrl("/login");

        student.login(w.studentA().email(), "correct horse battery");
        student.open("learn");
        student.waitFor(By.tagName("vaadin-side-nav"));
        assertThat(student.driver().getCurrentUrl()).endsWith("/learn");
        student.screenshot("AccountLifecycleBrowserTest");
    }
}
