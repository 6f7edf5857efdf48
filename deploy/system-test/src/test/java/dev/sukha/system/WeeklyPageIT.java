package dev.sukha.system;

import dev.sukha.stack.Demo;
import dev.sukha.stack.SharedStack;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The weekly page in headless Chromium (Debian's, with its chromedriver) against the
 * three running services, with the demo's six weeks of practice: what it shows must be
 * what the API says. Screenshots go to target/screenshots/.
 */
class WeeklyPageIT {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private static RunningSystem system;
    private static WebDriver browser;
    private static String user;
    private static String token;

    @BeforeAll
    static void demoAndBrowser() throws Exception {
        boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!installed && System.getenv("CI") == null && System.getenv("SUKHA_REQUIRE_TOOLS") == null) {
            // .ci/run installs them; on a developer machine say what is missing rather than fail obscurely.
            Assumptions.abort("Browser test skipped: install Debian's chromium and chromium-driver (apt-get install chromium chromium-driver)");
        }
        assertThat(installed).as("chromium and chromedriver under /usr/bin (.ci/run installs them)").isTrue();
        system = RunningSystem.get();
        user = "page-" + UUID.randomUUID().toString().substring(0, 8);
        token = SharedStack.token(user);
        new Demo(system.routines.url(), system.sessions.url(), system.insights.url(), user, token).run(false);

        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--user-data-dir=" + Files.createTempDirectory("chromium-"),
                "--window-size=1280,1400");
        browser = new ChromeDriver(options);
    }

    @AfterAll
    static void close() {
        if (browser != null) {
            browser.quit();
        }
    }

    private JsonPath api(String path) {
        return given().baseUri(system.insights.url()).auth().oauth2(token).get(path).then().statusCode(200).extract().jsonPath();
    }

    private void open(String fragmentToken) {
        browser.get("about:blank");
        browser.get(system.insights.url() + "/#token=" + fragmentToken);
    }

    private void awaitLoaded() {
        new WebDriverWait(browser, Duration.ofSeconds(20))
                .until(d -> "true".equals(d.findElement(By.tagName("body")).getDomAttribute("data-loaded")));
    }

    private static void screenshot(String name) throws IOException {
        Path dir = Path.of("target", "screenshots");
        Files.createDirectories(dir);
        Path shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(shot, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void thePageShowsWhatTheApiSays() throws IOException {
        open(token);
        awaitLoaded();
        // The token left the address bar for the tab's storage.
        assertThat(browser.getCurrentUrl()).doesNotContain("token");

        JsonPath streak = api("/v1/me/streak");
        assertThat(browser.findElement(By.cssSelector("[data-testid=streak-current]")).getText())
                .isEqualTo(String.valueOf(streak.getInt("current")));
        assertThat(streak.getInt("current")).isPositive();
        assertThat(browser.findElement(By.cssSelector("[data-testid=streak-longest]")).getText())
                .isEqualTo(String.valueOf(streak.getInt("longest")));

        JsonPath week = api("/v1/me/progress/weekly");
        List<WebElement> days = browser.findElements(By.cssSelector("[data-testid=week-days] li"));
        assertThat(days).hasSize(7);
        assertThat(days.stream().filter(d -> "true".equals(d.getDomAttribute("data-practised")))
                .map(d -> d.getDomAttribute("data-date")).toList())
                .isEqualTo(week.getList("daysPracticed", String.class));
        assertThat(days.get(0).getDomAttribute("data-date")).isEqualTo(week.getString("start"));

        JsonPath trend = api("/v1/me/pain-trend?weeks=8");
        long weeksWithPain = trend.getList("weeks.avgBefore").stream().filter(v -> v != null).count();
        assertThat(weeksWithPain).isGreaterThanOrEqualTo(5);
        assertThat(browser.findElements(By.cssSelector("[data-testid=pain-chart] circle.point.before"))).hasSize((int) weeksWithPain);
        assertThat(browser.findElements(By.cssSelector("[data-testid=pain-chart] circle.point.after"))).hasSize((int) weeksWithPain);
        assertThat(browser.findElement(By.id("direction")).getText()).startsWith("Improving");

        JsonPath relief = api("/v1/me/routines/relief");
        List<WebElement> routines = browser.findElements(By.cssSelector("[data-testid=relief-list] li"));
        assertThat(routines.get(0).getDomAttribute("data-routine")).isEqualTo(relief.getString("[0].routineId"))
                .isEqualTo("upper-back-release");
        assertThat(routines.get(0).getText()).contains("Upper back release", "helps most");
        assertThat(browser.findElements(By.cssSelector("[data-testid=alert]"))).isEmpty();
        screenshot("weekly-page.png");

        browser.manage().window().setSize(new Dimension(390, 1700));
        screenshot("weekly-page-phone.png");
        browser.manage().window().setSize(new Dimension(1280, 1400));
    }

    @Test
    void previousWeeksAreOneClickAway() {
        open(token);
        awaitLoaded();
        String thisMonday = browser.findElement(By.cssSelector("[data-testid=week-days] li")).getDomAttribute("data-date");
        browser.findElement(By.id("prev")).click();
        awaitLoaded();
        String previousMonday = browser.findElement(By.cssSelector("[data-testid=week-days] li")).getDomAttribute("data-date");
        assertThat(LocalDate.parse(previousMonday)).isEqualTo(LocalDate.parse(thisMonday).minusWeeks(1));
        JsonPath last = api("/v1/me/progress/weekly?week=" + dev.sukha.system.IsoWeeks.of(LocalDate.parse(previousMonday)));
        assertThat(browser.findElements(By.cssSelector("[data-testid=week-days] li[data-practised=true]")))
                .hasSize(last.getList("daysPracticed").size());
        assertThat(browser.findElement(By.id("next")).isEnabled()).isTrue();
    }

    @Test
    void aBadTokenAsksToSignInAgain() {
        open("not-a-valid-token");
        WebElement reason = new WebDriverWait(browser, Duration.ofSeconds(10))
                .until(ExpectedConditions.visibilityOfElementLocated(By.id("signin-reason")));
        assertThat(reason.getText()).contains("expired or is not valid", "./run token");
        assertThat(browser.findElement(By.id("content")).isDisplayed()).isFalse();
        // Pasting a good token signs in.
        browser.findElement(By.id("token-input")).sendKeys(token);
        browser.findElement(By.cssSelector("#signin-form button")).click();
        awaitLoaded();
        assertThat(browser.findElement(By.cssSelector("[data-testid=streak-current]")).isDisplayed()).isTrue();
    }
}
