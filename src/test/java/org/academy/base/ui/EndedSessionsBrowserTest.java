package org.academy.base.ui;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.academy.base.push.TopicHub;
import org.academy.identity.IdentityService;
import org.academy.testing.Actors;
import org.academy.testing.Browser;
import org.academy.testing.Eventually;
import org.academy.testing.Fixtures;
import org.academy.testing.Fixtures.World;
import org.academy.testing.Sessions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.FluentWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What only a real browser with a push connection shows: a screen left open by a person whose
 * sessions were ended goes to the login by itself, its subscriptions end at once, and pages run
 * under the Content Security Policy without violations.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import({Fixtures.class, Sessions.class})
class EndedSessionsBrowserTest {

    @LocalServerPort
    int port;
    @Autowired
    Fixtures fixtures;
    @Autowired
    IdentityService identity;
    @Autowired
    TopicHub hub;

    Browser browser;

    @AfterEach
    void close() {
        if (browser != null) {
            browser.close();
        }
    }

    private void openBrowser() {
        browser = new Browser("http://localhost:" + port + "/");
        // Collected from the first script of every page on, so violations during bootstrap count too.
        ((ChromeDriver) browser.driver()).executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source",
                "window.__cspViolations = [];"
                        + "document.addEventListener('securitypolicyviolation', e => "
                        + "window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));"));
    }

    @SuppressWarnings("unchecked")
    private List<String> cspViolations() {
        Object violations = browser.script("return window.__cspViolations === undefined ? null : window.__cspViolations;");
        assertThat(violations).as("the violation listener is installed").isNotNull();
        return (List<String>) violations;
    }

    @Test
    void a_deactivated_learners_open_screen_goes_to_the_login_by_itself_and_its_subscriptions_end() {
        World w = fixtures.world(1, 1);
        openBrowser();
        int before = hub.subscriptionCount();
        browser.login(w.studentA().email(), Fixtures.PASSWORD);
        browser.open("learn");
        browser.waitFor(By.tagName("vaadin-side-nav"));
        Eventually.await("the learner's screen subscribed", Duration.ofSeconds(10), () -> hub.subscriptionCount() > before);
        int open = hub.subscriptionCount();
        assertThat(cspViolations()).as("CSP violations on the learner's page").isEmpty();

        Actors.as(w.admin(), () -> identity.setActive(w.studentA().id(), false));

        // No click, no reload by the test: the server closed the screen.
        new FluentWait<>(browser.driver()).withTimeout(Duration.ofSeconds(20)).pollingEvery(Duration.ofMillis(100))
                .until(d -> d.getCurrentUrl().contains("/login"));
        Eventually.await("the learner's subscriptions ended", Duration.ofSeconds(10), () -> hub.subscriptionCount() < open);
        browser.open("learn");
        new FluentWait<>(browser.driver()).withTimeout(Duration.ofSeconds(20)).pollingEvery(Duration.ofMillis(100))
                .until(d -> d.getCurrentUrl().contains("/login"));
        assertThat(cspViolations()).as("CSP violations on the login page").isEmpty();
    }

    @Test
    void a_logged_in_person_opening_an_unknown_url_sees_the_apps_not_found_page() {
        World w = fixtures.world(1, 1);
        openBrowser();
        browser.login(w.studentA().email(), Fixtures.PASSWORD);

        browser.open("no/such/page");

        assertThat(browser.text(By.className("error-message"))).isEqualTo(MessageErrorView.NOT_FOUND);
        assertThat(cspViolations()).as("CSP violations on the not-found page").isEmpty();
        browser.screenshot(getClass().getSimpleName() + "-not-found");
    }
}
