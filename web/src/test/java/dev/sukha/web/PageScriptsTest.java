package dev.sukha.web;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The page's pure rules (the outbox, the player's session, the hold timer) are tested in their own
 * language by node's test runner, src/test/page/*.test.mjs; this runs them as part of the build.
 * Without node it is skipped with a message on a developer's machine; .ci/run installs it and sets
 * SUKHA_REQUIRE_TOOLS, so in CI it always runs.
 */
class PageScriptsTest {

    @Test
    void theOutboxPlayerAndTimerRulesPassTheirNodeTests() throws Exception {
        if (!onPath("node")) {
            assertThat(System.getenv("SUKHA_REQUIRE_TOOLS")).as("node is needed for the page's tests (SUKHA_REQUIRE_TOOLS is set)").isNull();
            Assumptions.abort("The page's script tests skipped: node not found (Debian: apt-get install nodejs), or run .ci/run");
        }
        Path log = Files.createTempFile("page-tests", ".tap");
        Process node = new ProcessBuilder("node", "--test", "--test-reporter=tap", "src/test/page/")
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertThat(node.waitFor(2, TimeUnit.MINUTES)).as("node --test finished").isTrue();
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(node.exitValue()).as("node --test src/test/page/:%n%s", output).isZero();
        // A runner that found no test passes too: there must be some, and none may fail.
        assertThat(output).containsPattern("# pass [1-9]").contains("# fail 0");
    }

    private static boolean onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }
}
