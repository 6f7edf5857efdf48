package dev.sukha.system;

import dev.sukha.stack.SharedStack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** One service's packaged jar, run as its own process against the shared stack, as ./run does. */
final class ServiceProcess implements AutoCloseable {

    final String name;
    final int port;
    /** Its management interface's port: /q/health, /q/metrics, /q/openapi (never served on {@link #port}). */
    final int managementPort;
    final Path log;
    private final Process process;
    private final Duration startedIn;

    private ServiceProcess(String name, int port, int managementPort, Path log, Process process, Duration startedIn) {
        this.name = name;
        this.port = port;
        this.managementPort = managementPort;
        this.log = log;
        this.process = process;
        this.startedIn = startedIn;
    }

    static Path repoRoot() {
        return Path.of(System.getProperty("sukha.repo.root", "../..")).toAbsolutePath().normalize();
    }

    static ServiceProcess start(String name) {
        return start(name, java.util.Map.of());
    }

    /** Starts a service with extra system properties (a topic, a database, bench endpoints...). */
    static ServiceProcess start(String name, java.util.Map<String, String> properties) {
        return start(name, freePort(), properties);
    }

    /** Starts a service on a given port (one chosen before, or the port of an instance that stopped). */
    static ServiceProcess start(String name, int port, java.util.Map<String, String> properties) {
        return start(name, port, properties, SharedStack.get());
    }

    /** Starts a service against a stack of its own (not this JVM's shared one). */
    static ServiceProcess start(String name, int port, java.util.Map<String, String> properties, SharedStack.Info stack) {
        Path jar = repoRoot().resolve(name).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: package the services first");
        }
        // One log per instance: a test may run a second instance of a service (name-port.log).
        Path log = Path.of("target", "logs", name + "-" + port + ".log").toAbsolutePath();
        int management = freePort();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC",
                "-Dquarkus.http.port=" + port,
                "-Dquarkus.management.port=" + management,
                "-Dkafka.bootstrap.servers=" + stack.bootstrapServers(),
                "-Dquarkus.mongodb.connection-string=" + stack.mongoConnectionString(),
                "-Dmp.jwt.verify.publickey.location=" + stack.publicKey(),
                "-Dmp.jwt.verify.issuer=" + dev.sukha.stack.JwtKeys.ISSUER,
                "-Dquarkus.log.console.json.enabled=false"));
        if (!name.equals("routine-service")) {
            command.add("-Dsukha.keys.kek-location=" + stack.recordKeys());
        }
        if (name.equals("insights-service")) {
            // Reminders' VAPID key pair: the stack's own, made by the first instance that needs it.
            command.add("-Dsukha.push.vapid-keys-location=" + stack.recordKeys().resolveSibling("vapid.keys"));
            command.add("-Dsukha.push.generate-keys=true");
        }
        properties.forEach((k, v) -> command.add("-D" + k + "=" + v));
        // Extra JVM options for every service started here, e.g. a flight recording while benchmarking.
        String extra = System.getenv("SUKHA_SERVICE_JAVA_OPTS");
        if (extra != null && !extra.isBlank()) {
            command.addAll(List.of(extra.trim().split("\\s+")));
        }
        command.addAll(List.of("-jar", jar.toString()));
        try {
            Files.createDirectories(log.getParent());
            Instant t0 = Instant.now();
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            // Whatever happens to the test, the service does not outlive this JVM.
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                process.destroy();
                try {
                    if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                        process.destroyForcibly();
                    }
                } catch (InterruptedException e) {
                    process.destroyForcibly();
                }
            }, name + "-stop"));
            ServiceProcess service = new ServiceProcess(name, port, management, log, process, null);
            Duration took = service.awaitReady(Duration.ofSeconds(90), t0);
            return new ServiceProcess(name, port, management, log, process, took);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    /** Where its operations endpoints are (health, metrics, the OpenAPI document). */
    String managementUrl() {
        return "http://127.0.0.1:" + managementPort;
    }

    Duration startedIn() {
        return startedIn;
    }

    long pid() {
        return process.pid();
    }

    /** Resident memory now, in MB (Linux). */
    long rssMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(process.pid()), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
                }
            }
        } catch (IOException e) {
            // process gone
        }
        return -1;
    }

    private Duration awaitReady(Duration timeout, Instant t0) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        Instant deadline = t0.plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + log);
            }
            try {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(managementUrl() + "/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return Duration.between(t0, Instant.now());
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        close();
        throw new IllegalStateException(name + " was not ready within " + timeout + "; see " + log);
    }

    /** SIGKILL: no shutdown hook, no last commit — as when a node dies. */
    void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Runs {@code work} while this process is stopped (SIGSTOP), then lets it go on (SIGCONT). */
    <T> T whilePaused(java.util.concurrent.Callable<T> work) throws Exception {
        signal("-STOP");
        try {
            return work.call();
        } finally {
            signal("-CONT");
        }
    }

    private void signal(String signal) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", signal, String.valueOf(pid())).redirectErrorStream(true).start();
        if (kill.waitFor() != 0) {
            throw new IllegalStateException("kill " + signal + " " + pid() + ": " + new String(kill.getInputStream().readAllBytes()));
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    /** Ports handed to services of this JVM: a service binds its port seconds later, so never hand one out twice. */
    private static final java.util.Set<Integer> HANDED_OUT = java.util.concurrent.ConcurrentHashMap.newKeySet();

    static int freePort() {
        while (true) {
            try (ServerSocket s = new ServerSocket(0)) {
                if (HANDED_OUT.add(s.getLocalPort())) {
                    return s.getLocalPort();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
