package dev.sukha.system;

import org.junit.jupiter.api.Assumptions;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A tool from npm, pinned, installed on first use under {@code .tools/} (Spectral, axe-core). Without
 * npm the test that needs it is skipped with a message (a developer's machine); {@code .ci/run}
 * installs npm and sets {@code SUKHA_REQUIRE_TOOLS}, so in CI it always runs.
 */
final class NpmTool {

    private NpmTool() {
    }

    /** Where the package is installed: {@code .tools/NAME-VERSION/node_modules} (its {@code .bin} there too). */
    static Path install(String pkg, String version, String why) throws Exception {
        Path prefix = ServiceProcess.repoRoot().resolve(".tools/" + pkg.replaceAll("^@.*/", "") + "-" + version);
        Path modules = prefix.resolve("node_modules");
        if (Files.exists(modules.resolve(pkg).resolve("package.json"))) {
            return modules;
        }
        boolean required = System.getenv("SUKHA_REQUIRE_TOOLS") != null;
        if (!onPath("npm")) {
            assertThat(required).as("npm is needed for " + why + " (SUKHA_REQUIRE_TOOLS is set)").isFalse();
            Assumptions.abort(why + " skipped: npm not found. Install Node.js with npm (Debian: apt-get install npm), "
                    + "or run .ci/run, which does.");
        }
        Files.createDirectories(prefix);
        Path log = prefix.resolve("npm-install.log");
        Process npm = new ProcessBuilder("npm", "install", "--no-audit", "--no-fund", "--loglevel=error",
                "--prefix", prefix.toString(), pkg + "@" + version)
                // Never inherit stdin/stdout: they are the test fork's channel to Maven, and npm would corrupt it.
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        assertThat(npm.waitFor(10, TimeUnit.MINUTES)).as("npm install finished").isTrue();
        assertThat(npm.exitValue()).as("npm install " + pkg + "@" + version + " (log: " + log + ")").isZero();
        return modules;
    }

    static boolean onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }
}
