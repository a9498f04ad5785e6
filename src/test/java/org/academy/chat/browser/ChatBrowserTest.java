package org.academy.chat.browser;

import java.time.Duration;
import java.util.function.Function;

import org.academy.chat.ChatMessage;
import org.academy.chat.ChatService;
import org.academy.testing.Actors;
import org.academy.testing.Browser;
import org.academy.testing.Fixtures;
import org.academy.testing.Fixtures.World;
import org.academy.testing.Sessions;
import org.junit.jupiter.api.AfterEach;
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
 * Two learners and an instructor chatting in real browsers: messages, edits and deletions reach
 * the others, a script is shown as text, and closing a browser takes its user offline.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "academy.presence.timeout=6s")
@Import({Fixtures.class, Sessions.class})
class ChatBrowserTest {

    @LocalServerPort
    int port;
    @Autowired
    Fixtures fixtures;
    @Autowired
    ChatService chat;

    Browser ana;
    Browser ben;
    Browser teacher;

    @AfterEach
    void close() {
        for (Browser b : new Browser[]{ana, ben, teacher}) {
            if (b != null) {
                try {
                    b.close();
                } catch (RuntimeException ignored) {
                    // already closed by the test
                }
            }
        }
    }

    static void until(WebDriver d, String what, Function<WebDriver, Boolean> condition) {
        new FluentWait<>(d).withTimeout(Duration.ofSeconds(25)).pollingEvery(Duration.ofMillis(20)).withMessage(what)
                .ignoring(org.openqa.selenium.NoSuchElementException.class)
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(condition);
    }

    @Test
    void learners_and_an_instructor_chat_live_and_presence_follows_closed_browsers() {
        World w = fixtures.world(2, 1);
        String base = "http://localhost:" + port + "/";
        String room = "chat/" + w.cohortA().id();
        String online = "online-count-" + w.cohortA().id();
        ana = new Browser(base);
        ana.login(w.studentsA().get(0).email(), Fixtures.PASSWORD);
        ana.open(room);
        ben = new Browser(base);
        ben.login(w.studentsA().get(1).email(), Fixtures.PASSWORD);
        ben.open(room);
        teacher = new Browser(base);
        teacher.login(w.instructorA().email(), Fixtures.PASSWORD);
        teacher.open(room);
        until(teacher.driver(), "three online", d -> d.findElement(By.id(online)).getText().startsWith("3 of"));

        ana.waitFor(By.cssSelector("#chat-input textarea")).sendKeys("<script>window.hacked=1</script> hi all");
        long sent = System.nanoTime();
        ana.click(By.id("chat-send"));
        ChatMessage first = waitForMessage(w, "hi all");
        until(ben.driver(), "Ana's message at Ben", d -> d.findElement(By.id("message-" + first.id())).getText()
                .contains("<script>window.hacked=1</script> hi all"));
        long deliveredMs = (System.nanoTime() - sent) / 1_000_000;
        assertThat(ben.script("return window.hacked === undefined;")).isEqualTo(true);

        // Ana edits, everyone sees the edit; the instructor deletes it, everyone sees the deletion.
        ana.click(By.id("message-" + first.id() + "-edit"));
        var editor = ana.waitFor(By.cssSelector("#message-" + first.id() + "-editor textarea"));
        editor.clear();
        editor.sendKeys("hi all (edited)");
        ana.click(By.id("message-" + first.id() + "-save"));
        until(ben.driver(), "edit at Ben", d -> d.findElement(By.id("message-" + first.id())).getText().contains("hi all (edited)"));
        until(ben.driver(), "edited marker", d -> d.findElement(By.id("message-" + first.id())).getText().contains("edited"));

        teacher.click(By.id("message-" + first.id() + "-delete"));
        teacher.click(By.cssSelector("vaadin-confirm-dialog-overlay vaadin-button[slot='confirm-button'], vaadin-confirm-dialog vaadin-button[slot='confirm-button']"));
        for (Browser b : new Browser[]{ana, ben, teacher}) {
            until(b.driver(), "deletion", d -> d.findElement(By.id("message-" + first.id())).getText().contains("Message deleted"));
        }

        // Ben closes his browser: he goes offline for the others within the presence timeout.
        ben.close();
        ben = null;
        long closed = System.nanoTime();
        until(ana.driver(), "Ben offline", d -> d.findElement(By.id(online)).getText().startsWith("2 of"));
        long offlineMs = (System.nanoTime() - closed) / 1_000_000;
        ana.screenshot("ChatBrowserTest-ana");
        System.out.printf("Chat: message to another browser in %d ms; closed browser offline for others after %d ms%n",
                deliveredMs, offlineMs);
        assertThat(offlineMs).isLessThan(10_000);
    }

    private ChatMessage waitForMessage(World w, String contains) {
        long deadline = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < deadline) {
            var found = Actors.as(w.instructorA(), () -> chat.latest(chat.cohortRoom(w.cohortA().id()).id(), 10))
                    .messages().stream().filter(m -> m.text() != null && m.text().contains(contains)).findFirst();
            if (found.isPresent()) {
                return found.get();
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        throw new AssertionError("message not stored: " + contains);
    }
}
