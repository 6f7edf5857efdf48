package dev.sukha.system;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sukha.stack.SharedStack;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import static dev.sukha.system.PlayerIT.newUser;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The player when the network is not there: a session finished with DevTools' "Offline" on the page
 * and its service worker, the page reloaded offline, then synced — every event exactly once, a batch
 * whose answer was lost resent as all DUPLICATE; a batch the service refuses (an event 61 days old)
 * shown and kept on the device; and session-service down for a minute while a batch waits.
 */
class OfflinePlayerIT {

    private static RunningSystem system;
    private static WebDriver browser;
    private static PageDriver page;
    private static Cdp cdp;

    @BeforeAll
    static void browser() throws Exception {
        system = RunningSystem.get();
        browser = Chromium.startForTests(1100, 1300);
        page = new PageDriver(browser, system.insights.url());
        cdp = Cdp.connect(browser);
    }

    @AfterAll
    static void close() {
        if (cdp != null) {
            cdp.close();
        }
        if (browser != null) {
            browser.quit();
        }
    }

    private static Set<String> ids(List<Map<String, Object>> outbox) {
        return outbox.stream().map(e -> (String) ((Map<?, ?>) e.get("event")).get("eventId")).collect(Collectors.toSet());
    }

    /** The events of one session in the person's export, by id, each as often as it appears. */
    private static List<String> exported(String token, String sessionId) {
        JsonNode export = given().baseUri(system.insights.url()).auth().oauth2(token).get("/v1/me/export")
                .then().statusCode(200).extract().as(JsonNode.class);
        List<String> out = new java.util.ArrayList<>();
        export.path("events").forEach(e -> {
            if (e.path("sessionId").asText().equals(sessionId)) {
                out.add(e.path("eventId").asText());
            }
        });
        return out;
    }

    @Test
    void aSessionFinishedOfflineIsSentOnceWhenTheConnectionReturnsAndALostAnswerComesBackDuplicate() throws Exception {
        String user = newUser("offline");
        String token = SharedStack.token(user);
        page.signIn(token, "");
        page.awaitServiceWorker();
        page.startRoutine("upper-back-quick");
        page.begin(Map.of("upper_back", 5));
        page.done(3);
        page.done(null);
        page.awaitSent(20);
        String sessionId = page.sessionId();

        // In a tunnel: the rest of the session, its end included, stays on the device.
        cdp.offline(system.insights.url(), true);
        try {
            while ("steps".equals(page.phase())) {
                page.done(null);
            }
            page.finish(Map.of("upper_back", 2));
            page.waiting(10).until(d -> "offline".equals(page.sync().get("phase")));
            List<Map<String, Object>> kept = page.outbox(user);
            int steps = 8;
            // Six poses done and five started after going offline, and the end.
            assertThat(kept).hasSize(6 + 5 + 1);
            assertThat(page.sync().get("pending")).isEqualTo("12");
            page.screenshot("offline-ended.png");

            // Reloaded with no connection: the service worker serves the page, the outbox is still there.
            browser.navigate().refresh();
            page.awaitLoaded();
            assertThat(browser.findElements(By.tagName("h1"))).anyMatch(WebElement::isDisplayed);
            page.waiting(10).until(d -> page.sync().get("text").startsWith("Offline: 12 events kept on this device"));
            assertThat(ids(page.outbox(user))).isEqualTo(ids(kept));
            page.screenshot("offline-reloaded.png");

            // The first answer from session-service is lost on the way back (the request did arrive).
            List<Integer> lost = new CopyOnWriteArrayList<>();
            String pageSession = cdp.session("page", system.insights.url());
            cdp.onEvent(e -> {
                if (!e.method().equals("Fetch.requestPaused") || !pageSession.equals(e.sessionId())) {
                    return;
                }
                String requestId = e.params().path("requestId").asText();
                if (e.params().has("responseErrorReason")) {
                    // Still offline: it failed on its own.
                    cdp.send(pageSession, "Fetch.failRequest", Map.of("requestId", requestId,
                            "errorReason", e.params().path("responseErrorReason").asText()));
                } else if (lost.isEmpty() && e.params().at("/request/method").asText().equals("POST")) {
                    lost.add(e.params().path("responseStatusCode").asInt());
                    cdp.send(pageSession, "Fetch.failRequest", Map.of("requestId", requestId, "errorReason", "ConnectionReset"));
                } else {
                    cdp.send(pageSession, "Fetch.continueResponse", Map.of("requestId", requestId));
                }
            });
            cdp.send(pageSession, "Fetch.enable", Map.of("patterns",
                    List.of(Map.of("urlPattern", system.sessions.url() + "/v1/events*", "requestStage", "Response"))));

            cdp.offline(system.insights.url(), false);
            page.awaitSent(60);
            cdp.send(pageSession, "Fetch.disable", Map.of());
            assertThat(lost).as("the first send reached the service, which accepted it").containsExactly(202);
            assertThat(page.sync().get("duplicate")).as("the resent batch").isEqualTo("12");
            assertThat(page.sync().get("accepted")).isEqualTo("0");
            assertThat(page.outbox(user)).isEmpty();

            // Exactly what was played, once: session-service's record and the export agree.
            JsonPath recorded = PlayerIT.session(token, sessionId);
            assertThat(recorded.getString("end")).isEqualTo("SESSION_COMPLETED");
            List<String> eventIds = recorded.getList("eventIds");
            assertThat(eventIds).hasSize(1 + steps + steps + 1).doesNotHaveDuplicates().containsAll(ids(kept));
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20))
                    .until(() -> exported(token, sessionId).size() == eventIds.size());
            assertThat(exported(token, sessionId)).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(eventIds);
        } finally {
            cdp.offline(system.insights.url(), false);
        }
    }

    @Test
    void eventsTheServiceRefusesAreShownAndKeptWhileTheRestIsSent() throws Exception {
        String user = newUser("refused");
        String token = SharedStack.token(user);
        page.signIn(token, "");
        // A session recorded on a phone that stayed offline 61 days, and one from today, waiting together.
        String old = UUID.randomUUID().toString();
        String today = UUID.randomUUID().toString();
        OffsetDateTime then = OffsetDateTime.now(ZoneOffset.UTC).minusDays(61);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(3);
        String oldStart = UUID.randomUUID().toString();
        page.addToOutbox(user, List.of(
                Map.of("eventId", oldStart, "type", "SESSION_STARTED", "sessionId", old, "occurredAt", then.toString(),
                        "routineId", "upper-back-quick", "zone", "UTC"),
                Map.of("eventId", UUID.randomUUID().toString(), "type", "SESSION_STARTED", "sessionId", today,
                        "occurredAt", now.toString(), "routineId", "upper-back-quick", "zone", "UTC"),
                Map.of("eventId", UUID.randomUUID().toString(), "type", "SESSION_COMPLETED", "sessionId", today,
                        "occurredAt", now.plusMinutes(2).toString())));
        browser.navigate().refresh();
        page.awaitLoaded();
        page.waiting(30).until(d -> "0".equals(page.sync().get("pending")) && "1".equals(page.sync().get("setAside")));

        // Today's session went through; the old start is kept, with the service's reason, on the screen.
        assertThat(PlayerIT.session(token, today).getString("end")).isEqualTo("SESSION_COMPLETED");
        List<WebElement> refused = browser.findElements(By.cssSelector("[data-testid=refused-event]"));
        assertThat(refused).hasSize(1);
        assertThat(refused.get(0).getDomAttribute("data-event")).isEqualTo(oldStart);
        assertThat(refused.get(0).getText()).contains("Session started", "occurredAt", "60 days");
        List<Map<String, Object>> kept = page.outbox(user);
        assertThat(kept).hasSize(1);
        assertThat(kept.get(0).get("state")).isEqualTo("set-aside");
        given().baseUri(system.sessions.url()).auth().oauth2(token).get("/v1/sessions/" + old).then().statusCode(404);
        page.screenshot("refused.png");

        // Sent again, it is refused again and still kept; removed by the person, it is gone.
        refused.get(0).findElement(By.xpath(".//button[text()='Send again']")).click();
        page.waiting(30).until(d -> "1".equals(page.sync().get("setAside")) && "0".equals(page.sync().get("pending")));
        assertThat(page.outbox(user)).hasSize(1);
        browser.findElement(By.xpath("//*[@data-testid='refused-event']//button[text()='Remove from this device']")).click();
        page.waiting(10).until(d -> page.outbox(user).isEmpty());
        assertThat(browser.findElement(By.cssSelector("[data-testid=refused]")).isDisplayed()).isFalse();
    }

    @Test
    void sessionServiceDownForAMinuteWhileABatchWaitsLosesNothing() {
        String user = newUser("outage");
        String token = SharedStack.token(user);
        page.signIn(token, "");
        page.awaitServiceWorker();
        page.go("#/routines/upper-back-quick");     // the routine is on the device now
        String[] sessionId = new String[1];
        Instant[] back = new Instant[1];
        system.sessionsDownWhile(() -> {
            Instant down = Instant.now();
            page.startRoutine("upper-back-quick");
            page.begin(Map.of("neck", 5));
            page.done(1);
            page.skip("no_time");
            page.click("end-early");
            page.finish(Map.of("neck", 4));
            sessionId[0] = browser.findElement(By.cssSelector("[data-testid=session-ended]")).getDomAttribute("data-session");
            page.waiting(20).until(d -> "offline".equals(page.sync().get("phase")));
            assertThat(page.outbox(user)).hasSize(7);
            // A minute without the service, the batch waiting on the device.
            long left = Duration.ofSeconds(60).minus(Duration.between(down, Instant.now())).toMillis();
            try {
                Thread.sleep(Math.max(0, left));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            assertThat(page.outbox(user)).hasSize(7);
            back[0] = Instant.now();
        });
        page.awaitSent(60);
        System.out.printf("page: session-service down 60 s; the waiting batch sent %d ms after it was back%n",
                Duration.between(back[0], Instant.now()).toMillis());
        JsonPath recorded = PlayerIT.session(token, sessionId[0]);
        assertThat(recorded.getString("end")).isEqualTo("SESSION_ABANDONED");
        assertThat(recorded.getList("eventIds")).hasSize(7).doesNotHaveDuplicates();
    }
}
