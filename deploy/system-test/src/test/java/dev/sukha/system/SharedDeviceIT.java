package dev.sukha.system;

import dev.sukha.stack.SharedStack;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.sukha.system.PlayerIT.newUser;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * One device, several people: a link carrying a token signs nobody in where the service does not say it is the local
 * stack, and after one person signs out — asked first about what has not reached Sukha — the next one, even offline,
 * sees nothing of theirs.
 */
class SharedDeviceIT {

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

    @Test
    void aLinkWithATokenSignsNobodyInOutsideTheLocalStack() throws Exception {
        // An instance as production runs it: sign-in through the identity provider only.
        try (ServiceProcess production = ServiceProcess.start("insights-service", Map.of(
                "sukha.page.routines-url", system.routines.url(), "sukha.page.events-url", system.sessions.url()))) {
            given().baseUri(production.url()).get("/page/config").then().statusCode(200)
                    .body("localSignIn", org.hamcrest.Matchers.equalTo(false));
            String attacker = SharedStack.token(newUser("attacker"));
            browser.get("about:blank");
            browser.get(production.url() + "/#token=" + attacker);
            page.waiting(20).until(d -> !d.findElement(By.id("signin")).getDomProperty("hidden").equals("true"));
            assertThat(page.js("return sessionStorage.length")).isEqualTo(0L);
            assertThat(browser.getCurrentUrl()).doesNotContain("token=");
            assertThat(browser.findElement(By.id("signin-form")).isDisplayed()).as("no form to paste a token into").isFalse();
            // Nor later in the same tab.
            page.js("location.hash = '#token=' + arguments[0]", attacker);
            Thread.sleep(500);
            assertThat(page.js("return sessionStorage.length")).isEqualTo(0L);
            assertThat(browser.findElement(By.id("signout")).isDisplayed()).isFalse();
        }
    }

    @Test
    void afterSignOutTheNextPersonSeesNothingOfThePreviousOneEvenOffline() throws Exception {
        String ana = newUser("shared-ana");
        String anaToken = SharedStack.token(ana);
        practisedWithRelief(anaToken);
        page.signIn(anaToken, "#/week");
        page.awaitServiceWorker();
        page.waiting(30).until(d -> !d.findElements(By.cssSelector("#relief li")).isEmpty());

        // Offline, something of hers waits on the device that cannot be sent.
        cdp.offline(system.insights.url(), true);
        try {
            page.addToOutbox(ana, List.of(Map.of("eventId", UUID.randomUUID().toString(), "type", "SESSION_STARTED",
                    "sessionId", UUID.randomUUID().toString(), "occurredAt", OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(5)
                            .truncatedTo(ChronoUnit.SECONDS).toString(), "routineId", "upper-back-quick", "zone", "UTC")));
            page.click("signout");
            page.waiting(10).until(d -> page.find("signout-dialog").isDisplayed());
            assertThat(page.find("signout-dialog").getText()).contains("not reached Sukha");
            // She stays: nothing is removed.
            page.click("signout-stay");
            assertThat(page.outbox(ana)).hasSize(1);
            assertThat(browser.findElement(By.id("signout")).isDisplayed()).isTrue();

            // She signs out after all, and says the waiting record may go.
            page.click("signout");
            page.click("signout-discard");
            page.waiting(20).until(d -> "false".equals(String.valueOf(page.js("return document.getElementById('signin').hidden"))));
            assertThat(page.outbox(ana)).isEmpty();
            assertThat(page.jsAsync("""
                    const [user, done] = [arguments[0], arguments[arguments.length - 1]];
                    const open = indexedDB.open('sukha');
                    open.onsuccess = () => {
                      const tx = open.result.transaction(['figures', 'practice']);
                      const f = tx.objectStore('figures').get(user);
                      const p = tx.objectStore('practice').get(user);
                      tx.oncomplete = () => { open.result.close(); done([f.result || null, p.result || null]); };
                    };""", ana)).isEqualTo(java.util.Arrays.asList(null, null));

            // Ben signs in on the same tab, still offline: none of her figures fill in his.
            String ben = newUser("shared-ben");
            page.js("document.getElementById('token-input').value = arguments[0]", SharedStack.token(ben));
            browser.findElement(By.cssSelector("#signin-form button[type=submit]")).click();
            // Nothing of his own is on the device yet: the page says it has no connection, and shows nothing else.
            page.waiting(20).until(d -> d.findElement(By.id("status")).getText().startsWith("No connection"));
            page.screenshot("shared-device-next-person-offline.png");
            assertThat(page.js("return document.getElementById('signin').hidden")).as("Ben is signed in").isEqualTo(true);
            assertThat(browser.findElements(By.cssSelector("#relief li"))).as("Ana's relief ranking").isEmpty();
            assertThat(page.find("streak-current").getText()).isNotEqualTo("1");
        } finally {
            cdp.offline(system.insights.url(), false);
        }
    }

    /** A completed session whose pain went from 6 to 2: a relief to rank. */
    private static void practisedWithRelief(String token) {
        OffsetDateTime start = OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(30).truncatedTo(ChronoUnit.SECONDS);
        String session = UUID.randomUUID().toString();
        given().baseUri(system.sessions.url()).auth().oauth2(token).contentType(ContentType.JSON).body(List.of(
                Map.of("eventId", UUID.randomUUID().toString(), "type", "SESSION_STARTED", "sessionId", session,
                        "occurredAt", start.toString(), "routineId", "upper-back-quick", "zone", "UTC", "pain", Map.of("upper_back", 6)),
                Map.of("eventId", UUID.randomUUID().toString(), "type", "SESSION_COMPLETED", "sessionId", session,
                        "occurredAt", start.plusMinutes(9).toString(), "pain", Map.of("upper_back", 2))))
                .post("/v1/events").then().statusCode(202);
    }
}
