package dev.sukha.insights.api;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the service worker keeps for offline use is exactly the page: a file added and not listed in
 * shell.json would be missing offline, a file listed and gone would make the worker fail to install.
 */
class PageFilesTest {

    private static final Path PAGE = Path.of("../web/src/main/page");

    @Test
    void shellJsonListsEveryFileOfThePageAndNothingElse() throws IOException {
        PageFiles files = new PageFiles();
        List<String> onDisk;
        try (Stream<Path> walk = Files.walk(PAGE)) {
            onDisk = walk.filter(Files::isRegularFile).map(p -> PAGE.relativize(p).toString().replace('\\', '/')).sorted().toList();
        }
        assertThat(files.resources()).containsExactlyInAnyOrderElementsOf(onDisk);
        assertThat(files.files()).contains("/", PageFiles.CONFIG);
    }

    @Test
    void theVersionIsAHashOfTheFiles() {
        PageFiles files = new PageFiles();
        assertThat(files.version()).matches("[0-9a-f]{16}").isEqualTo(new PageFiles().version());
    }
}
