package dev.sukha.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Assumptions;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Debian's Prometheus tools ({@code prometheus}, {@code promtool}), and the rule groups of the
 * rendered PrometheusRule as a plain rules file they read. Missing on a developer's machine, a test
 * that needs them is skipped with a message; in CI (.ci/run installs them) it fails.
 */
final class Promtool {

    static final Path PROMTOOL = Path.of("/usr/bin/promtool");
    static final Path PROMETHEUS = Path.of("/usr/bin/prometheus");

    private Promtool() {
    }

    static void require(Path tool) {
        if (!Files.isExecutable(tool)) {
            boolean required = System.getenv("CI") != null || System.getenv("SUKHA_REQUIRE_TOOLS") != null;
            assertThat(required).as(tool + " is needed (apt-get install prometheus); SUKHA_REQUIRE_TOOLS is set").isFalse();
            Assumptions.abort(tool + " is not installed (apt-get install prometheus)");
        }
    }

    /** deploy/k8s's PrometheusRule, its spec written as a Prometheus rules file in {@code dir}. */
    static Path rulesFile(Path dir) throws Exception {
        JsonNode rule = KubernetesManifestsTest.render(".").stream()
                .filter(d -> d.path("kind").asText().equals("PrometheusRule")).findFirst().orElseThrow();
        Files.createDirectories(dir);
        Path file = dir.resolve("rules.yaml");
        new ObjectMapper(new YAMLFactory()).writeValue(file.toFile(), rule.path("spec"));
        return file;
    }

    /** Runs a tool in {@code dir}; its exit code and output. */
    static Result run(Path dir, String... command) throws Exception {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(), out);
    }

    record Result(int exit, String output) {
    }

    /** Every recording rule's name, in file order. */
    static List<String> records(Path rules) throws Exception {
        List<String> names = new ArrayList<>();
        for (JsonNode group : new ObjectMapper(new YAMLFactory()).readTree(rules.toFile()).path("groups")) {
            group.path("rules").forEach(r -> {
                if (r.has("record")) {
                    names.add(r.path("record").asText());
                }
            });
        }
        return names;
    }
}
