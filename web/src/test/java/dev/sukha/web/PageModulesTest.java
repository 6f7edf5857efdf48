package dev.sukha.web;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The page stays a set of small modules, a file per concern: none longer than 250 lines, and no view imports another
 * (what two views share — the figures, a panel — is a module of its own; main.js routes between them).
 */
class PageModulesTest {

    private static final Path PAGE = Path.of("src/main/page");
    private static final Pattern IMPORT = Pattern.compile("^import .* from '\\./([a-z0-9-]+\\.js)';", Pattern.MULTILINE);

    private static List<Path> modules() throws IOException {
        try (Stream<Path> files = Files.walk(PAGE)) {
            return files.filter(p -> p.toString().endsWith(".js")).sorted().toList();
        }
    }

    @Test
    void noModuleIsLongerThan250Lines() throws IOException {
        List<String> long_ = new ArrayList<>();
        for (Path module : modules()) {
            long lines = Files.readAllLines(module).size();
            if (lines > 250) {
                long_.add(PAGE.relativize(module) + " (" + lines + " lines)");
            }
        }
        assertThat(modules()).hasSizeGreaterThan(20);
        assertThat(long_).isEmpty();
    }

    @Test
    void noViewImportsAnother() throws IOException {
        List<String> crossings = new ArrayList<>();
        for (Path module : modules()) {
            String name = module.getFileName().toString();
            if (!name.endsWith("-view.js")) {
                continue;
            }
            Matcher m = IMPORT.matcher(Files.readString(module));
            while (m.find()) {
                if (m.group(1).endsWith("-view.js")) {
                    crossings.add(name + " imports " + m.group(1));
                }
            }
        }
        assertThat(crossings).isEmpty();
    }
}
