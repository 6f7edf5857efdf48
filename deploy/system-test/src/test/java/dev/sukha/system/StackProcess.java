package dev.sukha.system;

import dev.sukha.stack.SharedStack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A local stack (Kafka and the store) in a process of its own, as {@code ./run} starts it, on free ports and a
 * data directory of the test's: it can be stopped, its files copied or put back, and started again.
 */
final class StackProcess implements AutoCloseable {

    private final Path dataDir;
    private final int kafkaPort = ServiceProcess.freePort();
    private final int controllerPort = ServiceProcess.freePort();
    private final int mongoPort = ServiceProcess.freePort();
    private Process process;

    StackProcess(Path dataDir) {
        this.dataDir = dataDir.toAbsolutePath();
    }

    /** Starts it (again, on the same ports and data) and returns once it answers. */
    StackProcess start() {
        Path jar;
        try (var jars = Files.list(ServiceProcess.repoRoot().resolve("deploy/local/target"))) {
            jar = jars.filter(p -> p.getFileName().toString().matches("local-stack-.*\\.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("deploy/local is not packaged"));
            Files.createDirectories(dataDir);
            Files.deleteIfExists(dataDir.resolve("stack.properties"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path log = dataDir.resolve("stack.log");
        try {
            process = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                    "-jar", jar.toString(), "--data-dir", dataDir.toString(), "--kafka-port", String.valueOf(kafkaPort),
                    "--controller-port", String.valueOf(controllerPort), "--mongo-port", String.valueOf(mongoPort)))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroy, "stack-process-stop"));
        Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
        while (!Files.exists(dataDir.resolve("stack.properties"))) {
            if (!process.isAlive() || Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("the stack did not start; see " + log);
            }
            sleep(200);
        }
        return this;
    }

    /** Stops it as Ctrl-C does: the broker and the store shut down, and the store's file is written whole. */
    void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    /** Where the services find it. */
    SharedStack.Info info() {
        return new SharedStack.Info("127.0.0.1:" + kafkaPort, "mongodb://127.0.0.1:" + mongoPort, dataDir);
    }

    /** The store's data file (a backup copies it). */
    Path storeFile() {
        return dataDir.resolve("mongo").resolve("sukha.mv");
    }

    /** A token signed by this stack's key. */
    String token(String user, String... roles) {
        return dev.sukha.stack.JwtKeys.existing(dataDir.resolve("keys")).token(user, List.of(roles), Duration.ofHours(1));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        stop();
    }
}
