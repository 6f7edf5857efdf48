package dev.sukha.system;

import dev.sukha.stack.SharedStack;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Practising without looking, in Chromium with every utterance the player asks of the device's speech synthesis
 * recorded in the page and a fast clock: with voice and auto-advance on, the short upper back routine runs from Start
 * to pain after with no click or key between; what is said names each step's pose and side in order, "switch sides"
 * between the sides of a pose and a countdown before each hold ends; and the session recorded is the one taps record.
 * Pause stops the speech and the clock; with the voice off nothing is said; without auto-advance the player waits.
 */
class HandsFreePlayerIT {

    private static RunningSystem system;
    private static WebDriver browser;
    private static PageDriver page;

    @BeforeAll
    static void browser() throws IOException {
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

    private static Object js(String script, Object... args) {
        return ((JavascriptExecutor) browser).executeScript(script, args);
    }

    /** From now on, what the player asks the device to say is kept in the page instead of spoken. */
    private static void recordSpeech() {
        js("""
                window.sukhaSaid = [];
                window.speechSynthesis.speak = (u) => window.sukhaSaid.push(u.text);
                window.speechSynthesis.cancel = () => window.sukhaSaid.push('<silence>');""");
    }

    @SuppressWarnings("unchecked")
    private static List<String> said() {
        return new ArrayList<>((List<String>) js("return window.sukhaSaid.slice()"));
    }

    private static void setting(String name, boolean on) {
        var box = browser.findElement(By.cssSelector("[data-testid=pacing] input[name=" + name + "]"));
        if (box.isSelected() != on) {
            box.click();
        }
    }

    /** (type, step) of a session's events in the person's export, in order. */
    private static List<String> recorded(String token, String sessionId) {
        JsonPath export = given().baseUri(system.insights.url()).auth().oauth2(token).get("/v1/me/export").then().statusCode(200)
                .extract().jsonPath();
        List<String> out = new ArrayList<>();
        List<Map<String, Object>> events = export.getList("events");
        events.stream().filter(e -> sessionId.equals(e.get("sessionId")))
                .forEach(e -> out.add(e.get("type") + (e.get("step") == null ? "" : " " + e.get("step"))));
        return out;
    }

    @Test
    void theWholeRoutineRunsFromStartToPainAfterWithoutATouchAndRecordsWhatTapsWould() throws Exception {
        String token = SharedStack.token("handsfree-" + UUID.randomUUID().toString().substring(0, 8));
        page.signIn(token, "");
        page.fastClock(60);
        JsonPath routine = given().baseUri(system.routines.url()).auth().oauth2(token).get("/v1/routines/upper-back-quick")
                .then().statusCode(200).extract().jsonPath();
        Map<String, String> names = new java.util.HashMap<>();
        given().baseUri(system.routines.url()).auth().oauth2(token).get("/v1/poses").then().statusCode(200).extract().jsonPath()
                .getList("", Map.class).forEach(p -> names.put((String) p.get("id"), (String) p.get("name")));
        int steps = routine.getList("steps").size();

        page.startRoutine("upper-back-quick");
        recordSpeech();
        assertThat(Axe.seriousViolations(browser)).as("pain before, with the pacing choices").isEmpty();
        // Off until the person turns them on.
        setting("voice", true);
        setting("autoAdvance", true);
        page.screenshot("player-hands-free.png");
        page.begin(Map.of("upper_back", 5));
        // No click, no key: the steps go by on their own.
        page.waiting(90).until(d -> "after".equals(page.phase()));
        String sessionId = page.sessionId();
        List<String> said = said();

        // Every step's pose and side, in order; "switch sides" from one side of a pose to the other; a countdown at each end.
        int from = 0;
        for (int i = 0; i < steps; i++) {
            String side = routine.getString("steps[" + i + "].side");
            String opening = "Step " + (i + 1) + " of " + steps + ". " + names.get(routine.getString("steps[" + i + "].pose"))
                    + (side.equals("left") ? ", left side." : side.equals("right") ? ", right side." : ".");
            int at = said.subList(from, said.size()).indexOf(opening);
            assertThat(at).as("'%s' said after what came before", opening).isGreaterThanOrEqualTo(0);
            from += at;
            if (i > 0 && routine.getString("steps[" + (i - 1) + "].pose").equals(routine.getString("steps[" + i + "].pose"))) {
                assertThat(said.get(from - 1)).isEqualTo("Switch sides.");
            }
            int next = i + 1 < steps ? said.indexOf("Step " + (i + 2) + " of " + steps + ". " + names.get(routine.getString("steps[" + (i + 1) + "].pose"))
                    + (routine.getString("steps[" + (i + 1) + "].side").equals("left") ? ", left side."
                    : routine.getString("steps[" + (i + 1) + "].side").equals("right") ? ", right side." : ".")) : said.size();
            assertThat(said.subList(from, next)).as("step %d ends with a countdown", i).containsSubsequence("3.", "2.", "1.")
                    .contains("Breathe in.", "Breathe out.");
        }
        assertThat(said).contains("That was the last pose.");
        page.finish(Map.of("upper_back", 3));
        page.awaitSent(30);

        // The same routine by taps: the same events, types and steps, each once.
        page.startRoutine("upper-back-quick");
        setting("autoAdvance", false);
        page.begin(Map.of("upper_back", 5));
        while ("steps".equals(page.phase())) {
            page.done(null);
        }
        String tapped = page.sessionId();
        page.finish(Map.of("upper_back", 3));
        page.awaitSent(30);
        await().atMost(Duration.ofSeconds(20)).until(() -> recorded(token, tapped).size() == 2 + 2 * steps
                && recorded(token, sessionId).size() == 2 + 2 * steps);
        // (Taps a few milliseconds apart share their instants: the export orders those by event id, so compare as sets.)
        assertThat(recorded(token, sessionId)).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(recorded(token, tapped));
    }

    @Test
    void pauseSilencesAndStopsTheClockVoiceOffSaysNothingAndWithoutAutoAdvanceThePlayerWaits() throws Exception {
        String token = SharedStack.token("handsfree-pause-" + UUID.randomUUID().toString().substring(0, 8));
        page.signIn(token, "");
        page.fastClock(4);
        page.startRoutine("upper-back-quick");
        recordSpeech();
        setting("voice", true);
        setting("autoAdvance", true);
        page.begin(Map.of());
        page.waiting(10).until(d -> said().contains("Breathe in."));
        page.click("pause");
        assertThat(said()).contains("<silence>");
        String time = browser.findElement(By.cssSelector("[data-testid=timer] .time")).getText();
        int count = said().size();
        Thread.sleep(1500);
        assertThat(browser.findElement(By.cssSelector("[data-testid=timer] .time")).getText()).isEqualTo(time);
        assertThat(said()).hasSize(count);
        page.click("pause");
        page.waiting(20).until(d -> page.step() == 1);
        page.click("end-early");
        page.finish(Map.of());

        // Voice off, no auto-advance: nothing said, and the hold's end waits for Done.
        page.fastClock(60);
        page.startRoutine("upper-back-quick");
        recordSpeech();
        setting("voice", false);
        setting("autoAdvance", false);
        page.begin(Map.of());
        page.waiting(10).until(d -> "true".equals(page.find("timer").getDomAttribute("data-done")));
        Thread.sleep(1000);
        assertThat(page.step()).isEqualTo(0);
        assertThat(said()).allMatch(s -> s.equals("<silence>"));
        page.done(null);
        assertThat(page.step()).isEqualTo(1);
    }
}
