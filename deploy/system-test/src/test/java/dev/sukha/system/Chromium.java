package dev.sukha.system;

import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;

/** Debian's Chromium and its driver (.ci/run installs them), headless, for the browser tests. */
final class Chromium {

    static final Path BINARY = Path.of("/usr/bin/chromium");
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");

    private Chromium() {
    }

    static boolean installed() {
        return Files.isExecutable(BINARY) && Files.isExecutable(DRIVER);
    }

    /** A fresh headless browser with a profile of its own, its window {@code width} × {@code height}. */
    static WebDriver start(int width, int height) throws IOException {
        System.setProperty("webdriver.chrome.driver", DRIVER.toString());
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BINARY.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--user-data-dir=" + Files.createTempDirectory("chromium-"),
                "--window-size=" + width + "," + height);
        // The console, for what the page's Content-Security-Policy refused.
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        return new ChromeDriver(options);
    }

    /**
     * A fresh browser for a test class; where Chromium is missing the class is skipped with a message
     * on a developer's machine, and fails in CI (.ci/run installs it and sets SUKHA_REQUIRE_TOOLS).
     */
    static WebDriver startForTests(int width, int height) throws IOException {
        boolean installed = installed();
        if (!installed && System.getenv("CI") == null && System.getenv("SUKHA_REQUIRE_TOOLS") == null) {
            org.junit.jupiter.api.Assumptions.abort("Browser test skipped: install Debian's chromium and chromium-driver "
                    + "(apt-get install chromium chromium-driver)");
        }
        org.assertj.core.api.Assertions.assertThat(installed).as("chromium and chromedriver under /usr/bin (.ci/run installs them)").isTrue();
        return start(width, height);
    }

    /**
     * A wait that also rides out a page being replaced under it: an element found just before the
     * page navigated (the sign-in redirect, a reload) is stale, which says "look again", not "fail".
     */
    static WebDriverWait waiting(WebDriver browser, Duration timeout) {
        WebDriverWait wait = new WebDriverWait(browser, timeout);
        wait.ignoring(StaleElementReferenceException.class);
        return wait;
    }

    /** What the console said since last asked. */
    static List<String> console(org.openqa.selenium.WebDriver browser) {
        return browser.manage().logs().get(LogType.BROWSER).getAll().stream().map(e -> e.getLevel() + " " + e.getMessage()).toList();
    }
}
