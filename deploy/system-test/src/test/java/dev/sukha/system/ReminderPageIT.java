package dev.sukha.system;

import com.fasterxml.jackson.databind.JsonNode;
import io.restassured.path.json.JsonPath;
import dev.sukha.stack.SharedStack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.interactions.Actions;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reminders on the page, in Chromium: turned on from the week by keyboard alone (the browser's permission granted, its
 * push service stood in for by a subscription made in the page with real P-256 keys, headless Chromium having no push
 * service of its own), kept by insights-service with this device's subscription and the browser's zone; a push
 * delivered to the service worker shows the reminder, which opens the week; turning it off forgets it there and here.
 * The server's side of the protocol (encryption, VAPID, the schedule) is ReminderPushTest's.
 */
class ReminderPageIT {

    private static RunningSystem system;
    private static WebDriver browser;
    private static PageDriver page;
    private static Cdp cdp;

    @BeforeAll
    static void browser() throws Exception {
        system = RunningSystem.get();
        browser = Chromium.startForTests(1100, 1400);
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

    /** This device's push service, stood in for: subscribe gives a subscription with keys the page made. */
    private static final String PUSH_SERVICE = """
            const done = arguments[arguments.length - 1];
            const b64 = (a) => btoa(String.fromCharCode(...a)).replace(/\\+/g, '-').replace(/\\//g, '_').replace(/=+$/, '');
            let current = null;
            PushManager.prototype.getSubscription = async () => current;
            PushManager.prototype.subscribe = async (options) => {
              const pair = await crypto.subtle.generateKey({ name: 'ECDH', namedCurve: 'P-256' }, true, ['deriveBits']);
              const p256dh = b64(new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey)));
              const auth = b64(crypto.getRandomValues(new Uint8Array(16)));
              window.sukhaSubscribedWith = b64(new Uint8Array(options.applicationServerKey));
              const endpoint = 'https://push.invalid/send/' + crypto.randomUUID();
              current = { endpoint, options, toJSON: () => ({ endpoint, expirationTime: null, keys: { p256dh, auth } }),
                          unsubscribe: async () => { window.sukhaUnsubscribed = endpoint; current = null; return true; } };
              return current;
            };
            done(true);""";

    private static JsonPath reminder(String token) {
        return given().baseUri(system.insights.url()).auth().oauth2(token).get("/v1/me/reminder").then().statusCode(200)
                .extract().jsonPath();
    }

    @Test
    void remindersAreTurnedOnByKeyboardAPushShowsThemAndTurningThemOffForgetsThem() throws Exception {
        String user = "reminder-page-" + UUID.randomUUID().toString().substring(0, 8);
        String token = SharedStack.token(user);
        String origin = system.insights.url();
        page.signIn(token, "");
        page.awaitServiceWorker();
        cdp.send(null, "Browser.grantPermissions", Map.of("origin", origin, "permissions", List.of("notifications")));
        page.jsAsync(PUSH_SERVICE);
        page.waiting(10).until(d -> "true".equals(page.find("reminders").getDomAttribute("data-loaded")));
        assertThat(page.find("reminder-state").getText()).startsWith("Off. Choose days and a time");
        assertThat(Axe.seriousViolations(browser)).as("the week with its reminders").isEmpty();

        // Keyboard only: Friday off (weekdays are offered), 07:30, then Enter in the time field sends the form.
        var friday = browser.findElement(By.name("day-FRIDAY"));
        friday.sendKeys(Keys.SPACE);
        assertThat(friday.isSelected()).isFalse();
        var time = browser.findElement(By.id("reminder-time"));
        page.js("arguments[0].focus()", time);
        new Actions(browser).sendKeys("0730").perform();
        new Actions(browser).sendKeys(Keys.ENTER).perform();
        try {
            page.waiting(20).until(d -> "true".equals(page.find("reminders").getDomAttribute("data-on")));
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("reminders not on; the card says: " + browser.findElement(By.id("reminder-error")).getText()
                    + " / " + page.find("reminder-state").getText() + "; console: " + Chromium.console(browser), e);
        }
        page.screenshot("reminders-on.png");
        // On, at a phone's narrowest: the card's longest text (days, time, the next reminder) wraps inside it.
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(320, 1400));
        try {
            assertThat((Long) page.js("return document.documentElement.scrollWidth")).as("no sideways scrolling at 320 px")
                    .isLessThanOrEqualTo(320L);
            assertThat((Boolean) page.js("const c = document.querySelector('[data-testid=reminders]');"
                    + " return [c, ...c.querySelectorAll('*')].every((e) => e.scrollWidth <= e.clientWidth + 1"
                    + " || getComputedStyle(e).overflowX !== 'visible' || e.clientWidth === 0)"
                    + " && c.getBoundingClientRect().right <= 320;"))
                    .as("nothing of the reminder card overflows it at 320 px").isTrue();
            assertThat(Axe.seriousViolations(browser)).as("the week with reminders on, at 320 px").isEmpty();
            page.js("document.querySelector('[data-testid=reminders]').scrollIntoView()");
            page.screenshot("reminders-on-320.png");
        } finally {
            browser.manage().window().setSize(new org.openqa.selenium.Dimension(1100, 1400));
        }

        JsonPath kept = reminder(token);
        assertThat(kept.getList("reminder.days")).containsExactly("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY");
        assertThat(kept.getString("reminder.time")).isEqualTo("07:30");
        assertThat(kept.getString("reminder.zone")).isEqualTo(page.js("return Intl.DateTimeFormat().resolvedOptions().timeZone"));
        assertThat(kept.getString("reminder.subscription.endpoint")).startsWith("https://push.invalid/send/");
        assertThat(kept.getString("reminder.subscription.keys.p256dh")).hasSize(87);
        assertThat(page.js("return window.sukhaSubscribedWith")).as("subscribed with our VAPID key").isEqualTo(kept.getString("publicKey"));
        assertThat(page.find("reminder-state").getText()).startsWith("On: Monday, Tuesday, Wednesday, Thursday at 07:30").contains("Next:")
                .doesNotContain("another device");

        // A reminder pushed to this device: the service worker shows it, to open the week.
        String pageSession = cdp.session("page", origin);
        CompletableFuture<String> registration = new CompletableFuture<>();
        cdp.onEvent(e -> {
            if (e.method().equals("ServiceWorker.workerRegistrationUpdated")) {
                for (JsonNode r : e.params().path("registrations")) {
                    if (r.path("scopeURL").asText().startsWith(origin) && !r.path("isDeleted").asBoolean()) {
                        registration.complete(r.path("registrationId").asText());
                    }
                }
            }
        });
        cdp.send(pageSession, "ServiceWorker.enable", Map.of());
        String id = registration.get(10, TimeUnit.SECONDS);
        String notifications = """
                const done = arguments[arguments.length - 1];
                navigator.serviceWorker.getRegistration('/').then((r) => r.getNotifications())
                  .then((ns) => done(ns.map((n) => n.title + '|' + n.data.url).join(';')));""";
        // A push delivered while the worker is being woken can be lost by DevTools (seen once in CI): delivered again
        // until it shows, at most three times.
        for (int attempt = 1; attempt <= 3; attempt++) {
            cdp.send(pageSession, "ServiceWorker.deliverPushMessage", Map.of("origin", origin + "/", "registrationId", id,
                    "data", "{\"title\":\"Time to practise\",\"body\":\"Today's session is ready when you are.\",\"url\":\"/#/week\",\"tag\":\"sukha-reminder\"}"));
            try {
                page.waiting(5).until(d -> !String.valueOf(page.jsAsync(notifications)).isEmpty());
                break;
            } catch (org.openqa.selenium.TimeoutException e) {
                if (attempt == 3) {
                    throw e;
                }
            }
        }
        // One notification however many deliveries: a reminder replaces the one before it (its tag).
        String shown = String.valueOf(page.jsAsync(notifications));
        assertThat(shown).isEqualTo("Time to practise|" + origin + "/#/week");

        // Off: forgotten by the service and this device's subscription dropped.
        page.click("reminder-off");
        page.waiting(10).until(d -> "false".equals(page.find("reminders").getDomAttribute("data-on")));
        assertThat(reminder(token).getString("reminder")).isNull();
        assertThat(page.js("return window.sukhaUnsubscribed")).isEqualTo(kept.getString("reminder.subscription.endpoint"));
        assertThat(page.find("reminder-state").getText()).startsWith("Off.");
    }
}
