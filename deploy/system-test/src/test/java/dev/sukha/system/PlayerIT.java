package dev.sukha.system;

import dev.sukha.stack.SharedStack;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A person practising through the page, in headless Chromium against the three running services:
 * the routines (filtered as the service filters them, the ones that help marked), the player from
 * pain before to Complete, a pose under a POSE_PAIN alert starting on its gentler option, a session
 * cut short and resumed or recorded abandoned, the whole session by keyboard alone, and axe-core on
 * every view. What the player recorded is checked in session-service and insights-service.
 */
class PlayerIT {

    private static RunningSystem system;
    private static WebDriver browser;
    private static PageDriver page;

    @BeforeAll
    static void browser() throws Exception {
        system = RunningSystem.get();
        browser = Chromium.startForTests(1100, 1300);
        page = new PageDriver(browser, system.insights.url());
    }

    @AfterAll
    static void close() {
        if (browser != null) {
            browser.quit();
        }
    }

    static String newUser(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static JsonPath insights(String token, String path) {
        return given().baseUri(RunningSystem.get().insights.url()).auth().oauth2(token).get(path).then().statusCode(200).extract().jsonPath();
    }

    static JsonPath session(String token, String id) {
        return given().baseUri(RunningSystem.get().sessions.url()).auth().oauth2(token).get("/v1/sessions/" + id)
                .then().statusCode(200).extract().jsonPath();
    }

    static void post(String token, String body) {
        given().baseUri(RunningSystem.get().sessions.url()).auth().oauth2(token).contentType(ContentType.JSON).body(body)
                .when().post("/v1/events").then().statusCode(202);
    }

    static void screenshot(String name) throws IOException {
        page.screenshot(name);
    }

    /** A session of {@code routine} posted through the API, {@code daysAgo} days ago, with pain on one area before and after. */
    static void practised(String token, String routine, String area, int daysAgo, int before, int after) {
        String session = UUID.randomUUID().toString();
        OffsetDateTime start = OffsetDateTime.now(ZoneOffset.UTC).minusDays(daysAgo).minusHours(1);
        post(token, """
                [{"eventId":"%s","type":"SESSION_STARTED","sessionId":"%s","occurredAt":"%s","routineId":"%s","zone":"UTC","pain":{"%s":%d}},
                 {"eventId":"%s","type":"SESSION_COMPLETED","sessionId":"%s","occurredAt":"%s","pain":{"%s":%d}}]"""
                .formatted(UUID.randomUUID(), session, start, routine, area, before, UUID.randomUUID(), session, start.plusMinutes(9),
                        area, after));
    }

    @Test
    void theRoutinesFilterAsTheServiceDoesAndMarkWhatHelps() throws IOException {
        String user = newUser("routines");
        String token = SharedStack.token(user);
        practised(token, "neck-and-jaw", "neck", 2, 6, 2);
        practised(token, "desk-posture-reset", "neck", 1, 5, 4);
        await().atMost(Duration.ofSeconds(20)).until(() -> insights(token, "/v1/me/routines/relief").getList("routineId").size() == 2);

        page.signIn(token, "#/routines");
        List<WebElement> cards = browser.findElements(By.cssSelector("[data-testid=routine-list] li[data-routine]"));
        // The routine that helped most leads, marked; the next one that helped follows it.
        assertThat(cards.get(0).getDomAttribute("data-routine")).isEqualTo("neck-and-jaw");
        assertThat(cards.get(0).getText()).contains("helps you most");
        assertThat(cards.get(1).getDomAttribute("data-routine")).isEqualTo("desk-posture-reset");
        assertThat(cards.get(1).getText()).contains("helps you").doesNotContain("most");
        List<String> all = given().baseUri(system.routines.url()).auth().oauth2(token).get("/v1/routines")
                .then().statusCode(200).extract().jsonPath().getList("id");
        assertThat(cards).hasSize(all.size());
        screenshot("routines.png");

        // Each filter shows exactly what routine-service answers for the same query.
        for (Map<String, String> filters : List.of(Map.of("focus", "jaw"), Map.of("maxMinutes", "10", "space", "chair"),
                Map.of("level", "moderate"), Map.of("focus", "feet", "level", "gentle", "maxMinutes", "15"), Map.of("space", "bed"))) {
            for (String f : List.of("focus", "maxMinutes", "space", "level")) {
                new Select(browser.findElement(By.cssSelector("#filters [name=" + f + "]"))).selectByValue(filters.getOrDefault(f, ""));
            }
            var query = given().baseUri(system.routines.url()).auth().oauth2(token);
            filters.forEach(query::queryParam);
            List<String> expected = query.get("/v1/routines").then().statusCode(200).extract().jsonPath().getList("id");
            assertThat(browser.findElements(By.cssSelector("[data-testid=routine-list] li[data-routine]")).stream()
                    .map(li -> li.getDomAttribute("data-routine")).toList()).as("%s", filters).containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    @Test
    void aWholeSessionIsPlayedRecordedAndShownInTheWeek() throws IOException {
        String user = newUser("player");
        String token = SharedStack.token(user);
        page.signIn(token, "");
        page.fastClock(40);
        page.startRoutine("upper-back-quick");
        JsonPath routine = given().baseUri(system.routines.url()).auth().oauth2(token).get("/v1/routines/upper-back-quick")
                .then().statusCode(200).extract().jsonPath();
        int steps = routine.getList("steps").size();
        screenshot("player-pain-before.png");
        page.begin(Map.of("upper_back", 6, "neck", 4));

        // The first hold runs out on the fast clock and says so.
        WebElement timer = page.find("timer");
        page.waiting(10).until(d -> "true".equals(timer.getDomAttribute("data-done")));
        assertThat(page.find("announcer").getDomProperty("textContent")).contains("Hold complete");
        page.done(null);
        screenshot("player-step.png");
        page.done(4);                       // seated hands clasp: rated 4
        page.click("gentler");              // tabletop arm reach, left: on its gentler option
        assertThat(page.find("gentler").getDomAttribute("aria-pressed")).isEqualTo("true");
        assertThat(browser.findElement(By.cssSelector("[data-gentler=true] .option-cue")).getText()).isNotBlank();
        screenshot("player-gentler.png");
        page.done(null);
        page.done(null);
        page.skip("pain");                  // thread the needle, left: skipped for pain
        while ("steps".equals(page.phase())) {
            page.done(null);
        }
        String sessionId = page.sessionId();
        page.finish(Map.of("upper_back", 3));
        screenshot("player-ended.png");
        page.awaitSent(30);

        // session-service recorded exactly what was played: a start, each pose started, 7 done, 1 skipped, the end.
        JsonPath recorded = session(token, sessionId);
        assertThat(recorded.getString("end")).isEqualTo("SESSION_COMPLETED");
        assertThat(recorded.getString("routineId")).isEqualTo("upper-back-quick");
        assertThat(recorded.getInt("routineVersion")).isEqualTo(routine.getInt("version"));
        assertThat(recorded.getList("eventIds")).hasSize(1 + steps + steps + 1);

        await().atMost(Duration.ofSeconds(20)).until(() -> insights(token, "/v1/me/progress/weekly").getInt("sessions.completed") == 1);
        JsonPath week = insights(token, "/v1/me/progress/weekly");
        assertThat(week.getInt("posesCompleted")).isEqualTo(steps - 1);
        assertThat(week.getDouble("pain.avgRelief")).isEqualTo(3.0);
        page.go("#/week");
        assertThat(page.find("week-sessions").getText()).isEqualTo("1");
        assertThat(page.find("week-minutes").getText()).isEqualTo(String.valueOf(week.getInt("minutes")));
        assertThat(page.find("week-poses").getText()).isEqualTo(String.valueOf(steps - 1));
        assertThat(page.find("week-relief").getText()).contains("6 before", "3 after");
        assertThat(browser.findElements(By.cssSelector("[data-testid=week-days] li[data-practised=true]"))).hasSize(1);
        WebElement clasp = browser.findElement(By.cssSelector("[data-testid=pose-feel] li[data-pose=seated-hands-clasp]"));
        assertThat(clasp.getText()).contains("4 / 10");
        WebElement thread = browser.findElement(By.cssSelector("[data-testid=pose-feel] li[data-pose=thread-the-needle]"));
        assertThat(thread.getText()).contains("skipped for pain 1 time");
        assertThat(browser.findElement(By.cssSelector("[data-testid=relief-list] li[data-routine=upper-back-quick]")).getText())
                .contains("3 points less pain", "helps most");
        screenshot("week-after-practice.png");
    }

    @Test
    void aPoseUnderAPainAlertStartsOnItsGentlerOption() {
        String user = newUser("sore");
        String token = SharedStack.token(user);
        // Thread the needle's last three ratings in two sessions of upper-back-release (steps 5 and 6, left and
        // right): 8, 7, 2 — two of them 7 or more, a POSE_PAIN alert.
        int daysAgo = 2;
        for (int[] rating : new int[][] {{2, 8}, {7, 2}}) {
            String session = UUID.randomUUID().toString();
            OffsetDateTime start = OffsetDateTime.now(ZoneOffset.UTC).minusDays(daysAgo--).minusHours(2);
            post(token, """
                    [{"eventId":"%s","type":"SESSION_STARTED","sessionId":"%s","occurredAt":"%s","routineId":"upper-back-release","zone":"UTC"},
                     {"eventId":"%s","type":"POSE_COMPLETED","sessionId":"%s","occurredAt":"%s","step":5,"discomfort":%d},
                     {"eventId":"%s","type":"POSE_COMPLETED","sessionId":"%s","occurredAt":"%s","step":6,"discomfort":%d}]"""
                    .formatted(UUID.randomUUID(), session, start, UUID.randomUUID(), session, start.plusMinutes(4), rating[0],
                            UUID.randomUUID(), session, start.plusMinutes(5), rating[1]));
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> insights(token, "/v1/me/pain-trend").getList("alerts.pose")
                .contains("thread-the-needle"));

        page.signIn(token, "");
        page.startRoutine("upper-back-quick");
        page.begin(Map.of());
        // Seated spine waves carries no alert: the full pose, its gentler option one tap away.
        assertThat(page.find("gentler").getDomAttribute("aria-pressed")).isEqualTo("false");
        for (int i = 0; i < 4; i++) {
            page.done(null);
        }
        assertThat(page.find("pose-name").getText()).isEqualTo("Thread the needle");
        assertThat(page.find("gentler").getDomAttribute("aria-pressed")).isEqualTo("true");
        assertThat(page.find("pose-pain-note").getText()).contains("has been hurting lately");
        assertThat(browser.findElement(By.cssSelector("[data-gentler=true] .option-cue")).getText()).contains("Stay on the forearm");
        // One tap back to the full pose.
        page.click("gentler");
        assertThat(page.find("gentler").getDomAttribute("aria-pressed")).isEqualTo("false");
        page.click("end-early");
        page.finish(Map.of());
    }

    @Test
    void aSessionCutShortResumesWithinThreeHoursAndIsRecordedAbandonedAfter() {
        String user = newUser("resume");
        String token = SharedStack.token(user);
        page.signIn(token, "");
        page.startRoutine("upper-back-quick");
        page.begin(Map.of());
        page.done(2);
        String sessionId = page.sessionId();
        page.awaitSent(20);

        // The tab goes away (a reload is the same to the page): the next visit is back in the session, paused.
        browser.navigate().refresh();
        page.awaitLoaded();
        assertThat(page.phase()).isEqualTo("steps");
        assertThat(page.step()).isEqualTo(1);
        assertThat(page.sessionId()).isEqualTo(sessionId);
        assertThat(page.player().getDomAttribute("data-paused")).isEqualTo("true");
        page.done(null);

        // A session whose last event was four hours ago (the phone was locked): recorded abandoned at that time.
        String stale = UUID.randomUUID().toString();
        OffsetDateTime started = OffsetDateTime.now(ZoneOffset.UTC).minusHours(4).minusMinutes(5);
        OffsetDateTime last = started.plusMinutes(5);
        page.addToOutbox(user, List.of(
                Map.of("eventId", UUID.randomUUID().toString(), "type", "SESSION_STARTED", "sessionId", stale,
                        "occurredAt", started.toString(), "routineId", "upper-back-quick", "zone", "UTC"),
                Map.of("eventId", UUID.randomUUID().toString(), "type", "POSE_STARTED", "sessionId", stale,
                        "occurredAt", last.toString(), "step", 0)));
        page.jsAsync("""
                const [user, stale, startedAt, lastAt, done] = arguments;
                const open = indexedDB.open('sukha');
                open.onsuccess = () => {
                  const tx = open.result.transaction('practice', 'readwrite');
                  const store = tx.objectStore('practice');
                  const get = store.get(user);
                  get.onsuccess = () => {
                    const kept = get.result;
                    kept.state = { ...kept.state, sessionId: stale, step: 0, outcomes: {}, startedAt, lastEventAt: lastAt };
                    store.put(kept);
                  };
                  tx.oncomplete = () => { open.result.close(); done(true); };
                };""", user, stale, started.toInstant().toEpochMilli(), last.toInstant().toEpochMilli());
        page.js("history.replaceState(null, '', '/')");
        browser.navigate().refresh();
        page.awaitLoaded();
        assertThat(browser.findElement(By.id("notice")).getText()).contains("saved as ended early");
        page.awaitSent(30);
        JsonPath abandoned = session(token, stale);
        assertThat(abandoned.getString("end")).isEqualTo("SESSION_ABANDONED");
        // At the last event's time, to the millisecond the page keeps.
        assertThat(OffsetDateTime.parse(abandoned.getString("endedAt")).toInstant())
                .isEqualTo(last.toInstant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
    }

    @Test
    void aWholeSessionByKeyboardAloneAndNoSeriousAccessibilityViolationOnAnyView() throws Exception {
        String user = newUser("keys");
        String token = SharedStack.token(user);
        practised(token, "upper-back-release", "upper_back", 1, 6, 3);
        await().atMost(Duration.ofSeconds(20)).until(() -> insights(token, "/v1/me/streak").getInt("longest") == 1);

        page.signIn(token, "");
        Map<String, List<String>> violations = new LinkedHashMap<>();
        violations.put("week", Axe.seriousViolations(browser));
        page.go("#/routines");
        violations.put("routines", Axe.seriousViolations(browser));
        page.go("#/routines/upper-back-quick");
        violations.put("routine", Axe.seriousViolations(browser));
        page.fastClock(60);

        // From here on, only keys.
        tabTo(e -> "start-routine".equals(e.getDomAttribute("data-testid")));
        keys(Keys.ENTER);
        page.waiting(10).until(d -> "before".equals(page.phase()));
        violations.put("player, pain before", Axe.seriousViolations(browser));
        tabTo(e -> "before-upper_back-none".equals(e.getDomAttribute("id")));
        keys(Keys.ARROW_RIGHT, Keys.ARROW_RIGHT, Keys.ARROW_RIGHT, Keys.ARROW_RIGHT, Keys.ARROW_RIGHT); // 4
        tabTo(e -> "start".equals(e.getDomAttribute("data-testid")));
        keys(Keys.ENTER);
        page.awaitStep(0);
        violations.put("player, step", Axe.seriousViolations(browser));
        int steps = Integer.parseInt(page.find("step-progress").getText().replaceAll(".* of ", ""));
        for (int i = 0; i < steps; i++) {
            if (i == 2) {
                tabTo(e -> "skip".equals(e.getDomAttribute("data-testid")));
                keys(Keys.ENTER);
                keys(Keys.SPACE);           // the first reason: it hurt
                tabTo(e -> "confirm-skip".equals(e.getDomAttribute("data-testid")));
            } else {
                tabTo(e -> "done".equals(e.getDomAttribute("data-testid")));
            }
            keys(Keys.ENTER);
            int next = i + 1;
            page.waiting(10).until(d -> !"steps".equals(page.phase()) || page.step() == next);
        }
        assertThat(page.phase()).isEqualTo("after");
        violations.put("player, pain after", Axe.seriousViolations(browser));
        tabTo(e -> "complete".equals(e.getDomAttribute("data-testid")));
        keys(Keys.ENTER);
        page.waiting(10).until(d -> !d.findElements(By.cssSelector("[data-testid=session-ended]")).isEmpty());
        String sessionId = browser.findElement(By.cssSelector("[data-testid=session-ended]")).getDomAttribute("data-session");
        page.awaitSent(30);
        JsonPath recorded = session(token, sessionId);
        assertThat(recorded.getString("end")).isEqualTo("SESSION_COMPLETED");
        assertThat(recorded.getList("eventIds")).hasSize(1 + steps + steps + 1);

        // The week at a phone's narrowest, with everything on it.
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(320, 1400));
        page.go("#/week");
        violations.put("week at 320 px", Axe.seriousViolations(browser));
        assertThat((Long) page.js("return document.documentElement.scrollWidth")).as("no sideways scrolling at 320 px")
                .isLessThanOrEqualTo(320L);
        screenshot("week-320.png");
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(1100, 1300));
        violations.values().removeIf(List::isEmpty);
        assertThat(violations).as("serious or critical axe-core violations").isEmpty();
    }

    private static void keys(CharSequence... keys) {
        for (CharSequence k : keys) {
            new Actions(browser).sendKeys(k).perform();
        }
    }

    /** Presses Tab until the focused element matches (at most 80 times): it can be reached by keyboard. */
    private static void tabTo(Predicate<WebElement> target) {
        List<String> seen = new ArrayList<>();
        for (int i = 0; i < 80; i++) {
            WebElement active = browser.switchTo().activeElement();
            if (target.test(active)) {
                return;
            }
            seen.add(active.getTagName() + "#" + active.getDomAttribute("id") + "[" + active.getDomAttribute("data-testid") + "]");
            keys(Keys.TAB);
        }
        throw new AssertionError("not reachable by Tab; focus went " + seen);
    }
}
