package dev.sukha.system;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What ships: the services as `./mvnw verify` packages them carry none of the benchmark's baselines (they are built
 * only by `./run bench`, from src/bench under -Pbench).
 */
class ProductionArtifactsTest {

    @Test
    void noServiceShipsABenchResource() throws IOException {
        for (String service : List.of("routine-service", "session-service", "insights-service")) {
            Path app = ServiceProcess.repoRoot().resolve(service).resolve("target/quarkus-app/app");
            List<String> classes = new ArrayList<>();
            try (Stream<Path> jars = Files.list(app)) {
                for (Path jar : jars.filter(p -> p.toString().endsWith(".jar")).toList()) {
                    try (JarFile file = new JarFile(jar.toFile())) {
                        file.stream().map(e -> e.getName()).filter(n -> n.endsWith(".class")).forEach(classes::add);
                    }
                }
            }
            assertThat(classes).as(service + "'s classes").isNotEmpty()
                    .noneMatch(c -> c.contains("BenchResource"));
        }
    }
}
