package org.academy.seats.browser;

import org.academy.base.Paging;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;

import org.academy.seats.SeatPoolSummary;
import org.academy.seats.SeatService;
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

/** An org admin uploads a CSV with good and bad lines in a real browser and applies the good ones. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import({Fixtures.class, Sessions.class})
class CsvUploadBrowserTest {

    @LocalServerPort
    int port;
    @Autowired
    Fixtures fixtures;
    @Autowired
    SeatService seats;

    Browser admin;

    @AfterEach
    void close() {
        if (admin != null) {
            admin.close();
        }
    }

    @Test
    void good_lines_are_applied_and_bad_lines_are_listed_with_their_numbers() throws Exception {
        World w = fixtures.world(1, 1);
        SeatPoolSummary pool = Actors.as(w.admin(), () -> seats.createPool(w.orgA().id(), w.courseA().id(),
                w.cohortA().id(), 5, LocalDate.now(), LocalDate.now().plusDays(30)));
        String tag = Long.toString(System.nanoTime());
        Path csv = Files.createTempFile("seats", ".csv");
        Files.writeString(csv, "\uFEFFemail,name,pool\r\n"
                + "ada-" + tag + "@example.test,\"Lovelace, Ada\"," + pool.id() + "\r\n"
                + "broken-email,Nobody," + pool.id() + "\r\n"
                + "alan-" + tag + "@example.test,Alan Turing," + pool.id() + "\r\n");

        admin = new Browser("http://localhost:" + port + "/");
        admin.login(w.orgAdminA().email(), Fixtures.PASSWORD);
        admin.open("seats");
        WebElement upload = admin.waitFor(By.id("bulk-upload"));
        WebElement input = upload.findElements(By.cssSelector("input[type=file]")).stream().findFirst()
                .orElseGet(() -> upload.getShadowRoot().findElement(By.cssSelector("input[type=file]")));
        input.sendKeys(csv.toString());
        new FluentWait<>(admin.driver()).withTimeout(Duration.ofSeconds(20)).pollingEvery(Duration.ofMillis(50))
                .until(d -> d.findElement(By.id("bulk-apply")).isEnabled());

        admin.click(By.cssSelector("#bulk-mode vaadin-radio-button:nth-of-type(2)"));
        admin.click(By.id("bulk-apply"));
        new FluentWait<>(admin.driver()).withTimeout(Duration.ofSeconds(20)).pollingEvery(Duration.ofMillis(50))
                .until(d -> d.findElement(By.id("bulk-outcome")).getText().contains("applied"));

        assertThat(admin.text(By.id("bulk-outcome"))).isEqualTo("2 of 3 lines applied; 1 with problems.");
        assertThat(admin.waitFor(By.id("bulk-errors")).getText()).contains("3").contains("not a valid email");
        admin.screenshot("CsvUploadBrowserTest");
        assertThat(Actors.as(w.orgAdminA(), () -> seats.holders(pool.id(), "", Paging.first(100)))).hasSize(2);
    }
}
