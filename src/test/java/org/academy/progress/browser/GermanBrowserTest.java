package org.academy.progress.browser;

import java.util.Map;

import org.academy.livesession.SessionSummary;
import org.academy.testing.Browser;
import org.academy.testing.Fixtures;
import org.academy.testing.Fixtures.World;
import org.academy.testing.Sessions;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/** A browser asking for German gets the learner's screens in German, chosen by the server from its languages. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import({Fixtures.class, Sessions.class})
class GermanBrowserTest {

    @LocalServerPort
    int port;
    @Autowired
    Fixtures fixtures;
    @Autowired
    Sessions sessions;

    @Test
    void a_browser_set_to_german_shows_the_start_page_and_the_session_in_german() {
        World w = fixtures.world(2, 2);
        SessionSummary live = sessions.liveSessionOfA(w);
        try (Browser b = new Browser("http://localhost:" + port + "/")) {
            ChromeDriver chrome = (ChromeDriver) b.driver();
            chrome.executeCdpCommand("Network.enable", Map.of());
            chrome.executeCdpCommand("Network.setExtraHTTPHeaders",
                    Map.of("headers", Map.of("Accept-Language", "de-DE,de;q=0.9,en;q=0.5")));
            b.login(w.studentA().email(), Fixtures.PASSWORD);
            b.open("learn");
            assertThat(b.text(By.cssSelector("vaadin-app-layout h2"))).isEqualTo("Mein Lernen");
            assertThat(b.text(By.id("join-session-" + live.id()))).isEqualTo("Jetzt teilnehmen");
            b.click(By.id("join-session-" + live.id()));
            assertThat(b.text(By.id("participant-state"))).isEqualTo("Sie sind in der Live-Sitzung.");
            assertThat(b.script("return document.title;")).isEqualTo("Live Q&A · Academy");
        }
    }
}
