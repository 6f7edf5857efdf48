package dev.sukha.system;

import dev.sukha.stack.SharedStack;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The page holds a bearer token that reads health data: it is served with a strict
 * Content-Security-Policy and the headers around it; a person signing in, reading their week,
 * opening routines and practising meets no violation of it; a routine whose title and cues are
 * markup shows as text; and a script put into the page (as an injection would) does not run.
 */
class PageSecurityIT {

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

    @Test
    void thePageAndItsScriptCarryThePolicyAndAreRevalidated() {
        for (String path : List.of("/", "/js/main.js", "/css/app.css", "/sw.js")) {
            var head = given().baseUri(system.insights.url()).when().head(path).then().statusCode(200).extract();
            assertThat(head.header("Content-Security-Policy")).as(path)
                    .contains("default-src 'self'", "script-src 'self'", "frame-ancestors 'none'", "base-uri 'none'", "form-action 'self'")
                    // Locally the page reaches routine- and session-service on their own ports, and nothing else.
                    .contains("connect-src 'self' " + system.routines.url() + " " + system.sessions.url() + ";");
            assertThat(head.header("Referrer-Policy")).isEqualTo("no-referrer");
            assertThat(head.header("X-Content-Type-Options")).isEqualTo("nosniff");
            assertThat(head.header("Permissions-Policy")).contains("camera=()", "geolocation=()", "microphone=()");
            assertThat(head.header("Cache-Control")).isEqualTo("no-cache");
        }
    }

    @Test
    void signingInReadingAndPractisingMeetNoViolationAndInjectedMarkupNeverRuns() {
        // A routine whose title and cue are markup, as a careless or hostile editor might write them.
        String editor = SharedStack.token("editor-" + UUID.randomUUID().toString().substring(0, 6), "editor");
        String id = "crafted-" + UUID.randomUUID().toString().substring(0, 8);
        String title = "<img src=x onerror=\"window.__pwned='title'\">Crafted";
        String cue = "<script>window.__pwned='cue'</script>Breathe.";
        given().baseUri(system.routines.url()).auth().oauth2(editor).contentType(ContentType.JSON).body(Map.of(
                "id", id, "title", title, "summary", "A test of what the page does with markup.", "level", "gentle",
                "focus", List.of("neck"), "space", List.of("chair"),
                "steps", List.of(Map.of("pose", "seated-spine-waves", "side", "none", "hold", Map.of("breaths", 2), "cues", List.of(cue)))))
                .post("/v1/routines").then().statusCode(201);
        given().baseUri(system.routines.url()).auth().oauth2(editor).post("/v1/routines/" + id + "/publish").then().statusCode(201);

        String token = SharedStack.token("csp-" + UUID.randomUUID().toString().substring(0, 8));
        page.signIn(token, "");
        Chromium.console(browser);      // what came before is not this test's
        page.go("#/week");
        page.go("#/routines");
        page.go("#/routines/" + id);
        assertThat(browser.findElement(By.id("routine-title")).getText()).isEqualTo(title);
        assertThat(browser.findElement(By.cssSelector("[data-testid=routine-steps]")).getText()).contains(cue);
        page.startRoutine(id);
        page.begin(Map.of("neck", 3));
        page.done(2);
        page.finish(Map.of("neck", 2));
        page.awaitSent(20);
        assertThat(page.js("return window.__pwned === undefined")).isEqualTo(true);
        assertThat(Chromium.console(browser)).as("the console while signing in, reading and practising")
                .noneMatch(line -> line.contains("Content Security Policy") || line.contains("Content-Security-Policy"));

        // A script put into the page the way an injection would: the policy refuses it, and says so.
        page.js("""
                document.body.insertAdjacentHTML('beforeend', '<img src="/icons/icon.svg" onload="window.__pwned=\\'handler\\'">');
                const s = document.createElement('script'); s.textContent = "window.__pwned = 'inline'"; document.body.append(s);""");
        page.waiting(5).until(d -> Boolean.TRUE.equals(page.js("return document.querySelector('img[onload]').complete")));
        assertThat(page.js("return window.__pwned === undefined")).isEqualTo(true);
        assertThat(Chromium.console(browser)).as("the refusals, in the console")
                .anyMatch(line -> line.contains("Content Security Policy"));
    }
}
