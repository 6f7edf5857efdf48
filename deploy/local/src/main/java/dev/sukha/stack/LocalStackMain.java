package dev.sukha.stack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * {@code java -jar local-stack.jar [--data-dir .run] [--kafka-port 9092] [--controller-port 9093] [--mongo-port 27017]}
 * runs the stack until SIGINT/SIGTERM;
 * {@code java -jar local-stack.jar token USER [ROLE...] [--data-dir .run] [--hours 12]} prints a token.
 */
public final class LocalStackMain {

    private LocalStackMain() {
    }

    public static void main(String[] args) throws Exception {
        // The broker logs about 1,200 lines at INFO while starting; warnings are what matter here.
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        }
        List<String> rest = new ArrayList<>(List.of(args));
        Path dataDir = Path.of(option(rest, "--data-dir", env("SUKHA_DATA_DIR", ".run")));
        if (!rest.isEmpty() && rest.get(0).equals("token")) {
            printToken(rest.subList(1, rest.size()), dataDir);
            return;
        }
        String host = option(rest, "--host", env("SUKHA_STACK_HOST", "127.0.0.1"));
        int kafkaPort = Integer.parseInt(option(rest, "--kafka-port", env("SUKHA_KAFKA_PORT", "9092")));
        int controllerPort = Integer.parseInt(option(rest, "--controller-port", env("SUKHA_KAFKA_CONTROLLER_PORT", "9093")));
        int mongoPort = Integer.parseInt(option(rest, "--mongo-port", env("SUKHA_MONGO_PORT", "27017")));
        if (!rest.isEmpty()) {
            System.err.println("Unknown arguments: " + rest);
            System.exit(2);
        }

        long t0 = System.nanoTime();
        LocalStack stack = LocalStack.start(new LocalStack.Settings(dataDir, host, kafkaPort, controllerPort, mongoPort));
        Path ready = dataDir.resolve("stack.properties");
        Files.writeString(ready, "kafka.bootstrap.servers=" + stack.bootstrapServers() + "\n"
                + "mongodb.connection-string=" + stack.mongoConnectionString() + "\n"
                + "jwt.public-key=" + stack.keys().publicKeyFile() + "\n"
                + "jwt.issuer=" + JwtKeys.ISSUER + "\n", StandardCharsets.UTF_8);

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                Files.deleteIfExists(ready);
            } catch (IOException ignored) {
                // best effort: ./run checks the ports as well
            }
            stack.close();
            stopped.countDown();
        }, "local-stack-shutdown"));

        System.out.printf("local stack ready in %d ms: kafka %s, store %s, data %s%n",
                (System.nanoTime() - t0) / 1_000_000, stack.bootstrapServers(), stack.mongoConnectionString(),
                stack.dataDir());
        System.out.flush();
        stopped.await();
    }

    private static void printToken(List<String> args, Path dataDir) {
        List<String> rest = new ArrayList<>(args);
        long hours = Long.parseLong(option(rest, "--hours", "12"));
        if (hours > 24) {
            System.err.println("The services refuse a token meant to live over 24 hours (SUKHA_JWT_MAX_LIFETIME_SECONDS).");
            System.exit(2);
        }
        if (rest.isEmpty() || rest.get(0).startsWith("-")) {
            System.err.println("usage: token USER [ROLE...]   (roles: user, editor, operator)");
            System.exit(2);
        }
        String user = rest.get(0);
        List<String> roles = rest.subList(1, rest.size());
        for (String role : roles) {
            if (!List.of("user", "editor", "operator").contains(role)) {
                System.err.println("Unknown role '" + role + "': use user, editor or operator.");
                System.exit(2);
            }
        }
        System.out.println(JwtKeys.existing(dataDir.resolve("keys")).token(user, roles, Duration.ofHours(hours)));
    }

    private static String option(List<String> args, String name, String fallback) {
        int i = args.indexOf(name);
        if (i < 0) {
            return fallback;
        }
        if (i + 1 >= args.size()) {
            throw new IllegalArgumentException(name + " needs a value");
        }
        String value = args.get(i + 1);
        args.remove(i + 1);
        args.remove(i);
        return value;
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
