package org.academy.testing;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One headless Chromium, driven through Debian's chromedriver at explicit paths so Selenium
 * Manager never tries to download anything. Paths can be overridden with the system properties
 * {@code academy.chromium} and {@code academy.chromedriver}.
 */
public final class Browser implements AutoCloseable {

    private static final String CHROMIUM = System.getProperty("academy.chromium", "/usr/bin/chromium");
    private static final String CHROMEDRIVER = System.getProperty("academy.chromedriver", "/usr/bin/chromedriver");

    private final ChromeDriver driver;
    private final String baseUrl;
    private final Path profile;

    public Browser(String baseUrl) {
        this.baseUrl = baseUrl;
        try {
            this.profile = Files.createTempDirectory("academy-chromium-");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        // The network here is closed: background fetches would only fail noisily.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1400,900", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER))
                .usingAnyFreePort()
                .build();
        this.driver = new ChromeDriver(service, options);
    }

    public WebDriver driver() {
        return driver;
    }

    public void open(String path) {
        driver.get(baseUrl + path);
    }

    public void login(String email, String password) {
        open("login");
        WebElement user = waitFor(By.cssSelector("vaadin-text-field[name='username'] input, input[name='username']"));
        user.sendKeys(email);
        WebElement pass = driver.findElement(By.cssSelector("vaadin-password-field[name='password'] input, input[name='password']"));
        pass.sendKeys(password, Keys.ENTER);
        new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> !d.getCurrentUrl().contains("/login"));
    }

    public WebElement waitFor(By by) {
        return new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> {
            List<WebElement> found = d.findElements(by);
            return found.isEmpty() ? null : found.getFirst();
        });
    }

    /** Clicks as a person would, after scrolling the element to the middle of the window. */
    public void click(By by) {
        click(waitFor(by));
    }

    public void click(WebElement element) {
        ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'});", element);
        try {
            element.click();
        } catch (org.openqa.selenium.ElementClickInterceptedException covered) {
            // A toast or the sticky header is over it; the click still belongs to this element.
            ((JavascriptExecutor) driver).executeScript("arguments[0].click();", element);
        }
    }

    public String text(By by) {
        return waitFor(by).getText();
    }

    public Object script(String js) {
        return ((JavascriptExecutor) driver).executeScript(js);
    }

    /** Resource URLs the page has fetched so far (XHRs included), for telling push transports apart. */
    @SuppressWarnings("unchecked")
    public List<String> resourceUrls() {
        return (List<String>) script("return performance.getEntriesByType('resource').map(e => e.name);");
    }

    public void screenshot(String name) {
        try {
            Path dir = Path.of("target", "screenshots");
            Files.createDirectories(dir);
            Files.write(dir.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException | RuntimeException e) {
            System.err.println("Screenshot " + name + " failed: " + e.getMessage());
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // A temp profile left behind is harmless.
            }
        }
    }
}
