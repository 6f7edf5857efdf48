package dev.sukha.system;

import dev.sukha.stack.SharedStack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The intake and today's session on the page, in Chromium against the three running services: the questions (safety
 * screen clear) start the programme that matches; the week view leads with today's session and why; Start plays that
 * routine with the gentler options the stage says; after the session the suggestion moves on without a reload. A yes
 * to an urgent safety question shows the urgent-care message and no Start anywhere. axe-core on the new views.
 */
class ProgrammePageIT {

    private static WebDriver browser;
    private static PageDriver page;

    @BeforeAll
    static void browser() throws IOException {
        RunningSystem system = RunningSystem.get();
        browser = Chromium.startForTests(1100, 1400);
        page = new PageDriver(browser, system.insights.url());
    }

    @AfterAll
    static void close() {
        if (browser != null) {
            browser.quit();
        }
    }

    private static void check(String name, String value) {
        WebElement input = browser.findElement(By.cssSelector("#intake-form input[name='" + name + "'][value='" + value + "']"));
        if (!input.isSelected()) {
            input.click();
        }
    }

    /** Answers the questions as a person would: upper back at 5, for weeks, on a mat or a chair, 10 minutes, 3 days. */
    private static void answer(List<String> yesTo) {
        assertThat(page.find("take-intake").isDisplayed()).isTrue();
        page.go("#/intake");
        check("areas", "upper_back");
        WebElement pain = browser.findElement(By.cssSelector("#intake-form input[name=pain-upper_back]"));
        pain.clear();
        pain.sendKeys("5");
        check("duration", "WEEKS_6_TO_12");
        check("spaces", "mat");
        check("spaces", "chair");
        check("minutesPerDay", "10");
        for (String code : List.of("BLADDER_BOWEL", "SPREADING_WEAKNESS", "CHEST_PAIN", "FEVER_UNWELL", "TRAUMA", "CANCER_WEIGHT_LOSS", "NIGHT_PAIN")) {
            check("flag-" + code, yesTo.contains(code) ? "yes" : "no");
        }
    }

    private static boolean gentler(int step) {
        return browser.findElements(By.cssSelector("[data-testid=player] [data-gentler=true]")).size() == 1
                && page.step() == step;
    }

    @Test
    void theIntakeLeadsToTodaysSessionWhichPlaysItsVariantsAndMovesOn() throws Exception {
        String token = SharedStack.token("programme-" + UUID.randomUUID().toString().substring(0, 8));
        page.signIn(token, "");
        assertThat(page.find("today").getDomAttribute("data-status")).isEqualTo("NO_INTAKE");
        answer(List.of());
        assertThat(Axe.seriousViolations(browser)).as("intake").isEmpty();
        page.screenshot("intake.png");
        page.click("save-intake");
        page.waiting(20).until(d -> "PRACTISE".equals(page.find("today").getDomAttribute("data-status"))
                && !d.findElements(By.cssSelector("[data-testid=start-today]")).isEmpty());

        // Upper back, first stage; a chair or a mat in ten minutes: the stage's routines take turns, the chair one first.
        assertThat(page.find("today-routine").getText()).isEqualTo("Five minutes at the desk");
        assertThat(page.find("today-stage").getText()).contains("Upper back", "stage 1 of 4", "0 sessions");
        assertThat(page.find("today-reasons").getText()).contains("first stage", "fits your 10 minutes");
        assertThat(Axe.seriousViolations(browser)).as("week with today's session").isEmpty();
        page.screenshot("week-today.png");
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(390, 1400));
        page.screenshot("week-today-390.png");
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(1100, 1400));
        ((JavascriptExecutor) browser).executeScript("window.sukhaNoReload = true");

        // Start plays it: the twist (steps 4 and 5) on its gentler option, the rest in full.
        page.fastClock(60);
        page.click("start-today");
        page.waiting(10).until(d -> "before".equals(page.phase()));
        page.begin(Map.of("upper_back", 5));
        for (int step = 0; "steps".equals(page.phase()); step++) {
            boolean expected = step == 4 || step == 5;
            int s = step;
            page.waiting(5).until(d -> page.step() == s);
            assertThat(gentler(step)).as("step %d on its gentler option", step).isEqualTo(expected);
            page.done(2);
        }
        page.finish(Map.of("upper_back", 3));
        page.awaitSent(30);

        // Back on the week, without a reload: one session done at the stage, and the next routine's turn.
        page.go("#/week");
        page.waiting(30).until(d -> page.find("today-stage").getText().contains("1 session done"));
        assertThat(page.find("today-routine").getText()).isEqualTo("Upper back release, short");
        assertThat(((JavascriptExecutor) browser).executeScript("return window.sukhaNoReload === true")).isEqualTo(true);

        // Offline, the page shows the last suggestion it had.
        page.awaitServiceWorker();
        String origin = RunningSystem.get().insights.url();
        try (Cdp cdp = Cdp.connect(browser)) {
            cdp.offline(origin, true);
            try {
                browser.navigate().refresh();
                page.awaitLoaded();
                assertThat(page.find("today-routine").getText()).isEqualTo("Upper back release, short");
                assertThat(page.find("today-stage").getText()).contains("1 session done");
            } finally {
                cdp.offline(origin, false);
            }
        }
    }

    @Test
    void anUrgentAnswerShowsUrgentCareAndNoStartAnywhere() throws Exception {
        String token = SharedStack.token("urgent-" + UUID.randomUUID().toString().substring(0, 8));
        page.signIn(token, "");
        answer(List.of("CHEST_PAIN"));
        page.click("save-intake");
        page.waiting(20).until(d -> !d.findElements(By.cssSelector("[data-testid=intake-urgent]")).isEmpty());
        assertThat(page.find("intake-urgent").getText()).contains("urgent care");
        page.screenshot("intake-urgent.png");

        page.go("#/week");
        page.waiting(20).until(d -> "URGENT_CARE".equals(page.find("today").getDomAttribute("data-status")));
        assertThat(page.find("urgent-care").getText()).contains("urgent care");
        assertThat(browser.findElements(By.cssSelector("[data-testid=start-today]"))).isEmpty();
        assertThat(page.find("practise-now").isDisplayed()).isFalse();
        assertThat(Axe.seriousViolations(browser)).as("week, urgent care").isEmpty();
        page.go("#/routines/upper-back-quick");
        assertThat(page.find("start-routine").isDisplayed()).isFalse();
    }
}
