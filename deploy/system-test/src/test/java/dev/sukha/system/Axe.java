package dev.sukha.system;

import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * axe-core (Deque's accessibility engine, from npm, pinned) run inside the page in Chromium: the
 * WCAG 2.1 A and AA rules and axe's best practices, on what is on the screen now.
 */
final class Axe {

    static final String VERSION = "4.14.1";
    private static String source;

    private Axe() {
    }

    /** The violations of serious or critical impact, each as "rule: what, where". */
    @SuppressWarnings("unchecked")
    static List<String> seriousViolations(WebDriver browser) throws Exception {
        if (source == null) {
            source = Files.readString(NpmTool.install("axe-core", VERSION, "The accessibility check").resolve("axe-core/axe.min.js"));
        }
        JavascriptExecutor js = (JavascriptExecutor) browser;
        // Run through DevTools, which the page's Content-Security-Policy does not govern.
        js.executeScript(source);
        Map<String, Object> result = (Map<String, Object>) js.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } })
                  .then((r) => done({ violations: r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help,
                      nodes: v.nodes.map((n) => n.target.join(' ') + ': ' + n.failureSummary).slice(0, 5) })) }),
                        (e) => done({ error: String(e) }));""");
        if (result.containsKey("error")) {
            throw new IllegalStateException("axe-core failed: " + result.get("error"));
        }
        List<String> serious = new ArrayList<>();
        for (Map<String, Object> v : (List<Map<String, Object>>) result.get("violations")) {
            if ("serious".equals(v.get("impact")) || "critical".equals(v.get("impact"))) {
                serious.add(v.get("id") + " (" + v.get("impact") + "): " + v.get("help") + " at " + v.get("nodes"));
            }
        }
        return serious;
    }
}
