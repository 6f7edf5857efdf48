package dev.sukha.system;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The page as a person uses it, for the browser tests: signing in, the routines, the player's
 * buttons, and what the page keeps on the device (its IndexedDB outbox, its sync line).
 */
final class PageDriver {

    final WebDriver browser;
    final String origin;

    PageDriver(WebDriver browser, String origin) {
        this.browser = browser;
        this.origin = origin;
    }

    Object js(String script, Object... args) {
        return ((JavascriptExecutor) browser).executeScript(script, args);
    }

    Object jsAsync(String script, Object... args) {
        return ((JavascriptExecutor) browser).executeAsyncScript(script, args);
    }

    WebDriverWait waiting(int seconds) {
        return Chromium.waiting(browser, Duration.ofSeconds(seconds));
    }

    /** Opens the page signed in with {@code token} (the link ./run demo prints), at {@code hash}. */
    void signIn(String token, String hash) {
        browser.get("about:blank");
        browser.get(origin + "/#token=" + token);
        awaitLoaded();
        if (!hash.isEmpty()) {
            go(hash);
        }
    }

    /** Goes to a view of the page, as a link would (the same view again is shown anew). */
    void go(String hash) {
        js("""
                document.body.dataset.loaded = 'false';
                if (location.hash === arguments[0]) window.dispatchEvent(new HashChangeEvent('hashchange'));
                else location.hash = arguments[0];""", hash);
        awaitLoaded();
    }

    void awaitLoaded() {
        waiting(20).until(d -> "true".equals(d.findElement(By.tagName("body")).getDomAttribute("data-loaded")));
    }

    /** The player's hold timers run {@code rate} times faster in this tab (event times stay real). */
    void fastClock(int rate) {
        js("sessionStorage.setItem('sukha.clockRate', arguments[0])", String.valueOf(rate));
    }

    /** Until the service worker controls the page (it has kept the page's files). */
    void awaitServiceWorker() {
        waiting(20).until(d -> Boolean.TRUE.equals(js("return !!navigator.serviceWorker.controller")));
    }

    WebElement find(String testId) {
        return browser.findElement(By.cssSelector("[data-testid=" + testId + "]"));
    }

    void click(String testId) {
        waiting(10).until(d -> {
            WebElement e = find(testId);
            return e.isDisplayed() && e.isEnabled() ? e : null;
        }).click();
    }

    /** Opens a routine and starts it: the pain-before form is on the screen. */
    void startRoutine(String id) {
        go("#/routines/" + id);
        click("start-routine");
        waiting(10).until(d -> "before".equals(player().getDomAttribute("data-phase")));
    }

    WebElement player() {
        return find("player");
    }

    /** Chooses a score on a 0..10 scale, tapping it (its radio button lies over its label). */
    void rate(String scale, int value) {
        browser.findElement(By.id(scale + "-" + value)).click();
    }

    /** Gives the pain before for the areas given, and starts. */
    void begin(Map<String, Integer> painBefore) {
        painBefore.forEach((area, v) -> rate("before-" + area, v));
        click("start");
        awaitStep(0);
    }

    int step() {
        return Integer.parseInt(player().getDomAttribute("data-step"));
    }

    String phase() {
        return player().getDomAttribute("data-phase");
    }

    String sessionId() {
        return player().getDomAttribute("data-session");
    }

    void awaitStep(int step) {
        waiting(10).until(d -> "steps".equals(phase()) && step() == step);
    }

    /** Done with the current step, with a discomfort or none. */
    void done(Integer discomfort) {
        int step = step();
        if (discomfort != null) {
            rate("discomfort", discomfort);
        }
        click("done");
        waiting(10).until(d -> !"steps".equals(phase()) || step() == step + 1);
    }

    void skip(String reason) {
        int step = step();
        click("skip");
        browser.findElement(By.cssSelector("label[for='skip-" + reason + "']")).click();
        click("confirm-skip");
        waiting(10).until(d -> !"steps".equals(phase()) || step() == step + 1);
    }

    /** Gives the pain after for the areas given, and completes (or ends, after End early). */
    void finish(Map<String, Integer> painAfter) {
        waiting(10).until(d -> "after".equals(phase()));
        painAfter.forEach((area, v) -> rate("after-" + area, v));
        click("complete");
        waiting(10).until(d -> !browser.findElements(By.cssSelector("[data-testid=session-ended]")).isEmpty());
    }

    /** A person's entries in the device's outbox, as stored: {seq, user, state, event, message}. */
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> outbox(String user) {
        return (List<Map<String, Object>>) jsAsync("""
                const [user, done] = [arguments[0], arguments[arguments.length - 1]];
                const open = indexedDB.open('sukha');
                open.onsuccess = () => {
                  const all = open.result.transaction('outbox').objectStore('outbox').getAll();
                  all.onsuccess = () => { open.result.close(); done(all.result.filter((e) => e.user === user)); };
                };
                open.onerror = () => done([]);""", user);
    }

    /** Adds entries to the device's outbox as the page would have recorded them (for situations a test cannot wait for). */
    void addToOutbox(String user, List<Map<String, Object>> events) {
        jsAsync("""
                const [user, events, done] = [arguments[0], arguments[1], arguments[arguments.length - 1]];
                const open = indexedDB.open('sukha');
                open.onsuccess = () => {
                  const tx = open.result.transaction('outbox', 'readwrite');
                  events.forEach((event) => tx.objectStore('outbox').add({ user, state: 'pending', event, recordedAt: Date.now() }));
                  tx.oncomplete = () => { open.result.close(); done(true); };
                };""", user, events);
    }

    /** The sync line's state: phase, pending, setAside, and the last answer's accepted and duplicate counts. */
    Map<String, String> sync() {
        WebElement line = find("sync-status");
        return Map.of("phase", attr(line, "data-phase"), "pending", attr(line, "data-pending"),
                "setAside", attr(line, "data-set-aside"), "accepted", attr(line, "data-accepted"),
                "duplicate", attr(line, "data-duplicate"), "text", line.getDomProperty("textContent"));
    }

    private static String attr(WebElement e, String name) {
        String v = e.getDomAttribute(name);
        return v == null ? "" : v;
    }

    /** A screenshot to target/screenshots/NAME. */
    void screenshot(String name) throws java.io.IOException {
        java.nio.file.Path dir = java.nio.file.Path.of("target", "screenshots");
        java.nio.file.Files.createDirectories(dir);
        java.nio.file.Files.copy(((org.openqa.selenium.TakesScreenshot) browser).getScreenshotAs(org.openqa.selenium.OutputType.FILE).toPath(),
                dir.resolve(name), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    /** Until nothing of this person waits on the device. */
    void awaitSent(int seconds) {
        waiting(seconds).until(d -> "0".equals(sync().get("pending")) && "idle".equals(sync().get("phase")));
    }
}
