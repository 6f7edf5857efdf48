package dev.sukha.system;

import dev.sukha.stack.Demo;
import dev.sukha.stack.SharedStack;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

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
import static org.awaitility.Awaitility.await;

/**
 * The weekly page in headless Chromium (Debian's, with its chromedriver) against the
 * three running services, with the demo's six weeks of practice: what it shows must be
 * what the API says. Screenshots go to target/screenshots/.
 */
class WeeklyPageIT {

    private static RunningSystem system;
    private static WebDriver browser;
    private static String user;
    private static String token;

    @BeforeAll
    static void demoAndBrowser() throws Exception {
        browser = Chromium.startForTests(1280, 1400);
        system = RunningSystem.get();
        user = "page-" + UUID.randomUUID().toString().substring(0, 8);
        token = SharedStack.token(user);
        new Demo(system.routines.url(), system.sessions.url(), system.insights.url(), user, token).run(false);
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
        try {
            Chromium.waiting(browser, Duration.ofSeconds(20))
                    .until(d -> "true".equals(d.findElement(By.tagName("body")).getDomAttribute("data-loaded")));
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("the page did not load: status '" + browser.findElement(By.id("status")).getText()
                    + "', console " + Chromium.console(browser), e);
        }
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
        // The demo's flare, four to six days ago, is paused: shown as such where it falls in this week.
        assertThat(days.stream().filter(d -> "true".equals(d.getDomAttribute("data-paused")))
                .map(d -> d.getDomAttribute("data-date")).toList())
                .isEqualTo(week.getList("pausedDays", String.class));
        assertThat(api("/v1/me/pauses").getList("reason", String.class)).containsExactly("flare");

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

        // How poses felt: the page lists what the API ranks, and says in words which side is worse.
        JsonPath feel = api("/v1/me/poses/discomfort?weeks=8");
        assertThat(browser.findElements(By.cssSelector("[data-testid=pose-feel] li")).stream()
                .map(li -> li.getDomAttribute("data-pose")).toList()).isEqualTo(feel.getList("pose", String.class));
        JsonPath asymmetry = api("/v1/me/asymmetry?weeks=8");
        assertThat(asymmetry.getString("[0].pose")).isEqualTo("thread-the-needle");
        assertThat(asymmetry.getString("[0].worseSide")).isEqualTo("left");
        assertThat(asymmetry.getList("[0].areas", String.class)).contains("upper_back");
        assertThat(browser.findElement(By.cssSelector("[data-testid=asymmetry]")).getText())
                .startsWith("Thread the needle feels worse on the left");
        WebElement thread = browser.findElement(By.cssSelector("[data-testid=pose-feel] li[data-pose=thread-the-needle]"));
        assertThat(thread.getText()).contains("Left", "Right");
        screenshot("weekly-page.png");
        WebElement feelCard = browser.findElement(By.cssSelector("section[aria-labelledby=feel-title]"));
        Files.copy(feelCard.getScreenshotAs(OutputType.FILE).toPath(), Path.of("target", "screenshots", "weekly-page-poses.png"),
                StandardCopyOption.REPLACE_EXISTING);

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
        WebElement reason = Chromium.waiting(browser, Duration.ofSeconds(10))
                .until(ExpectedConditions.visibilityOfElementLocated(By.id("signin-reason")));
        assertThat(reason.getText()).contains("expired or is not valid", "./run token");
        assertThat(browser.findElement(By.id("week")).isDisplayed()).isFalse();
        // Pasting a good token signs in.
        browser.findElement(By.id("token-input")).sendKeys(token);
        browser.findElement(By.cssSelector("#signin-form button")).click();
        awaitLoaded();
        assertThat(browser.findElement(By.cssSelector("[data-testid=streak-current]")).isDisplayed()).isTrue();
    }

    /** A session posted as the app would: started and completed on {@code date} in UTC, with pain before and after. */
    private static void practise(String token, LocalDate date, int before, int after) {
        String session = UUID.randomUUID().toString();
        java.time.OffsetDateTime start = date.atTime(8, 0).atOffset(java.time.ZoneOffset.UTC);
        String body = """
                [{"eventId":"%s","type":"SESSION_STARTED","sessionId":"%s","occurredAt":"%s","routineId":"upper-back-release",
                  "zone":"UTC","pain":{"upper_back":%d}},
                 {"eventId":"%s","type":"SESSION_COMPLETED","sessionId":"%s","occurredAt":"%s","pain":{"upper_back":%d}}]"""
                .formatted(UUID.randomUUID(), session, start, before, UUID.randomUUID(), session, start.plusMinutes(12), after);
        post(token, body);
    }

    private static void post(String token, String events) {
        given().baseUri(system.sessions.url()).auth().oauth2(token).contentType("application/json").body(events)
                .when().post("/v1/events").then().statusCode(202);
    }

    /** An upper-back release session on {@code date} rating thread the needle's left and right steps (5 and 6). */
    private static void rateThread(String token, LocalDate date, int left, int right) {
        String session = UUID.randomUUID().toString();
        java.time.OffsetDateTime start = date.atTime(8, 0).atOffset(java.time.ZoneOffset.UTC);
        String body = """
                [{"eventId":"%s","type":"SESSION_STARTED","sessionId":"%s","occurredAt":"%s","routineId":"upper-back-release",
                  "zone":"UTC"},
                 {"eventId":"%s","type":"POSE_COMPLETED","sessionId":"%s","occurredAt":"%s","step":5,"discomfort":%d},
                 {"eventId":"%s","type":"POSE_COMPLETED","sessionId":"%s","occurredAt":"%s","step":6,"discomfort":%d}]"""
                .formatted(UUID.randomUUID(), session, start, UUID.randomUUID(), session, start.plusMinutes(5), left,
                        UUID.randomUUID(), session, start.plusMinutes(6), right);
        post(token, body);
    }

    @Test
    void aPoseThatKeepsHurtingIsFlaggedWithItsGentlerOption() throws IOException {
        String sore = "sore-" + UUID.randomUUID().toString().substring(0, 8);
        String soreToken = SharedStack.token(sore);
        LocalDate today = LocalDate.now(java.time.ZoneOffset.UTC);
        // Its last three ratings, across sides in step order: right 8, left 7, right 2. The latest of the high ones
        // is the left step's, which has no gentler option of its own.
        rateThread(soreToken, today.minusDays(2), 2, 8);
        rateThread(soreToken, today.minusDays(1), 7, 2);
        await().atMost(Duration.ofSeconds(20)).until(() -> given().baseUri(system.insights.url()).auth().oauth2(soreToken)
                .get("/v1/me/pain-trend").then().extract().jsonPath().getList("alerts.type").contains("POSE_PAIN"));
        JsonPath alert = given().baseUri(system.insights.url()).auth().oauth2(soreToken).get("/v1/me/pain-trend")
                .then().statusCode(200).extract().jsonPath();
        assertThat(alert.getString("alerts[0].reason")).isEqualTo("Thread the needle was rated 7 or more in 2 of its last 3 ratings.");
        assertThat(alert.getString("alerts[0].since")).isEqualTo(today.minusDays(2).toString());
        // The step's gentler option, from the pose library (the step has none of its own).
        assertThat(alert.getString("alerts[0].advice")).contains("\u201cStay on the forearm\u201d");

        open(soreToken);
        awaitLoaded();
        WebElement shown = browser.findElement(By.cssSelector("[data-testid=alert][data-type=POSE_PAIN]"));
        assertThat(shown.getText()).contains("A pose keeps hurting", "Thread the needle", "Stay on the forearm");
        // Two ratings a side are too few to call the sides different.
        assertThat(browser.findElement(By.cssSelector("[data-testid=asymmetry]")).getText()).isEmpty();
        assertThat(browser.findElement(By.cssSelector("[data-testid=pose-feel] li[data-pose=thread-the-needle]")).getText())
                .contains("4.5 / 10", "5 / 10");
        screenshot("weekly-page-pose-pain.png");
    }

    @Test
    void aFlareIsPausedFromThePageAndTheStreakIsKept() throws IOException {
        String flare = "flare-" + UUID.randomUUID().toString().substring(0, 8);
        String flareToken = SharedStack.token(flare);
        LocalDate today = LocalDate.now(java.time.ZoneOffset.UTC);
        // Practised four and three days ago, both times hurting more after: then nothing — the streak is broken.
        practise(flareToken, today.minusDays(4), 4, 7);
        practise(flareToken, today.minusDays(3), 5, 8);
        await().atMost(Duration.ofSeconds(20)).until(() -> given().baseUri(system.insights.url()).auth().oauth2(flareToken)
                .get("/v1/me/streak").then().extract().jsonPath().getInt("longest") == 2);

        open(flareToken);
        awaitLoaded();
        assertThat(browser.findElement(By.cssSelector("[data-testid=streak-current]")).getText()).isEqualTo("0");
        // The worsening alert offers the pause next to its advice; the offer leads to the form.
        WebElement offer = browser.findElement(By.cssSelector("[data-testid=alert] [data-testid=alert-pause]"));
        offer.click();
        assertThat(browser.switchTo().activeElement().getDomAttribute("id")).isEqualTo("pause-from");

        // A pause from two days ago to tomorrow, sent with Enter from the form: the streak of 2 comes back.
        WebElement from = browser.findElement(By.id("pause-from"));
        setDate(from, today.minusDays(2));
        setDate(browser.findElement(By.id("pause-to")), today.plusDays(1));
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("pause-reason"))).selectByValue("flare");
        browser.findElement(By.id("pause-to")).sendKeys(org.openqa.selenium.Keys.ENTER);
        Chromium.waiting(browser, Duration.ofSeconds(20)).until(d ->
                "2".equals(d.findElement(By.cssSelector("[data-testid=streak-current]")).getText()));
        assertThat(browser.findElement(By.id("streak-note")).getDomAttribute("data-paused")).isEqualTo("true");
        JsonPath week = given().baseUri(system.insights.url()).auth().oauth2(flareToken).get("/v1/me/progress/weekly")
                .then().statusCode(200).extract().jsonPath();
        assertThat(browser.findElements(By.cssSelector("[data-testid=week-days] li[data-paused=true]")).stream()
                .map(d -> d.getDomAttribute("data-date")).toList()).isEqualTo(week.getList("pausedDays", String.class))
                .contains(today.toString());
        assertThat(browser.findElements(By.cssSelector("[data-testid=pauses] li"))).hasSize(1);
        screenshot("weekly-page-paused.png");

        // Better already: end the pause. The days rested stay paused, the streak stays, today is no longer paused.
        browser.findElement(By.cssSelector("[data-testid=end-pause]")).click();
        Chromium.waiting(browser, Duration.ofSeconds(20)).until(d ->
                "false".equals(d.findElement(By.id("streak-note")).getDomAttribute("data-paused")));
        assertThat(browser.findElement(By.cssSelector("[data-testid=streak-current]")).getText()).isEqualTo("2");
        assertThat(browser.findElements(By.cssSelector("[data-testid=pauses] li"))).isEmpty();
        JsonPath pauses = given().baseUri(system.insights.url()).auth().oauth2(flareToken).get("/v1/me/pauses")
                .then().statusCode(200).extract().jsonPath();
        assertThat(pauses.getString("[0].from")).isEqualTo(today.minusDays(2).toString());
        assertThat(pauses.getString("[0].to")).isEqualTo(today.minusDays(1).toString());
    }

    @Test
    void theWeekFollowsPracticeRecordedElsewhereWithoutAReload() {
        String other = "elsewhere-" + UUID.randomUUID().toString().substring(0, 8);
        String otherToken = SharedStack.token(other);
        // Someone who has set a goal before (the very first change of a person is a change of everything).
        given().baseUri(system.insights.url()).auth().oauth2(otherToken).contentType("application/json").body("{\"days\":4}")
                .put("/v1/me/goal").then().statusCode(200);
        open(otherToken);
        awaitLoaded();
        assertThat(browser.findElement(By.cssSelector("[data-testid=streak-current]")).getText()).isEqualTo("0");
        Chromium.waiting(browser, Duration.ofSeconds(20)).until(d ->
                "stream".equals(d.findElement(By.tagName("body")).getDomAttribute("data-changes")));
        // Practised on another device: the page hears it and reads again what changed, nothing else.
        String session = UUID.randomUUID().toString();
        java.time.OffsetDateTime start = java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC).minusMinutes(30).withNano(0);
        post(otherToken, """
                [{"eventId":"%s","type":"SESSION_STARTED","sessionId":"%s","occurredAt":"%s","routineId":"upper-back-release",
                  "zone":"UTC","pain":{"upper_back":5}},
                 {"eventId":"%s","type":"SESSION_COMPLETED","sessionId":"%s","occurredAt":"%s","pain":{"upper_back":3}}]"""
                .formatted(UUID.randomUUID(), session, start, UUID.randomUUID(), session, start.plusMinutes(12)));
        Chromium.waiting(browser, Duration.ofSeconds(20)).until(d ->
                "1".equals(d.findElement(By.cssSelector("[data-testid=streak-current]")).getText()));
        String refreshed = browser.findElement(By.tagName("body")).getDomAttribute("data-refreshed");
        assertThat(refreshed.split(",")).contains("streak", "week", "trend", "relief").doesNotContain("pauses");
        assertThat(browser.findElement(By.cssSelector("[data-testid=relief-list]")).getText()).contains("Upper back release");
    }

    @Test
    void aPauseOutOfTheLimitsIsExplainedOnTheForm() {
        open(token);
        awaitLoaded();
        LocalDate today = LocalDate.parse(api("/v1/me/streak").getString("today"));
        setDate(browser.findElement(By.id("pause-from")), today.minusDays(20));
        setDate(browser.findElement(By.id("pause-to")), today);
        browser.findElement(By.id("pause-submit")).click();
        WebElement error = Chromium.waiting(browser, Duration.ofSeconds(10)).until(d -> {
            WebElement e = d.findElement(By.id("pause-error"));
            return e.getText().isBlank() ? null : e;
        });
        assertThat(error.getText()).startsWith("From").contains("7 days");
    }

    /** Sets a date field (what a person types into one depends on the browser's locale; the value does not). */
    private static void setDate(WebElement field, LocalDate date) {
        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("arguments[0].value = arguments[1];", field, date.toString());
    }
}
