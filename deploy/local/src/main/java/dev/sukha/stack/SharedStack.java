package dev.sukha.stack;

import javax.management.JMException;
import javax.management.ObjectName;
import javax.management.StandardMBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * One stack per test JVM, started on first use on free ports under {@code target/}.
 * <p>
 * Quarkus may load this class in more than one class loader during a test run, so
 * the running stack is found through JVM-wide system properties (its addresses) and
 * the platform MBean server (its controls), never through a static field alone.
 */
public final class SharedStack {

    // Not under "sukha.": the services map that prefix to their own settings and refuse unknown keys.
    private static final String BOOTSTRAP = "dev.sukha.stack.kafka";
    private static final String MONGO = "dev.sukha.stack.mongodb";
    private static final String DATA = "dev.sukha.stack.data-dir";
    private static final String CONTROL = "dev.sukha:type=LocalStack";

    /** Where the shared stack is. */
    public record Info(String bootstrapServers, String mongoConnectionString, Path dataDir) {
        public Path publicKey() {
            return dataDir.resolve("keys").resolve("public.pem");
        }

        /** The key-encrypting keys of person record keys ({@code sukha.keys.kek-location}). */
        public Path recordKeys() {
            return dataDir.resolve("keys").resolve(RecordKeys.FILE);
        }
    }

    private SharedStack() {
    }

    public static Info get() {
        synchronized (System.getProperties()) {
            if (System.getProperty(BOOTSTRAP) == null) {
                startForThisJvm();
            }
            return new Info(System.getProperty(BOOTSTRAP), System.getProperty(MONGO), Path.of(System.getProperty(DATA)));
        }
    }

    /** A token for the shared stack's key: {@code user} plus the given roles. */
    public static String token(String user, String... roles) {
        return JwtKeys.existing(get().dataDir().resolve("keys")).token(user, List.of(roles), Duration.ofHours(1));
    }

    public static void stopBroker() {
        control("stopBroker");
    }

    public static void startBroker() {
        control("startBroker");
    }

    public static void stopStore() {
        control("stopStore");
    }

    public static void startStore() {
        control("startStore");
    }

    private static void control(String operation) {
        get();
        try {
            ManagementFactory.getPlatformMBeanServer().invoke(new ObjectName(CONTROL), operation, null, null);
        } catch (JMException e) {
            throw new IllegalStateException("Stack control " + operation + " failed", e);
        }
    }

    private static void startForThisJvm() {
        Path dir;
        try {
            Path target = Path.of("target");
            Files.createDirectories(target);
            dir = Files.createTempDirectory(target.toAbsolutePath(), "local-stack-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        LocalStack stack = LocalStack.start(LocalStack.Settings.ephemeral(dir));
        StackControlMBean control = new StackControlMBean() {
            public void stopBroker() {
                stack.stopBroker();
            }

            public void startBroker() {
                stack.startBroker();
            }

            public void stopStore() {
                stack.stopStore();
            }

            public void startStore() {
                stack.startStore();
            }
        };
        try {
            ManagementFactory.getPlatformMBeanServer()
                    .registerMBean(new StandardMBean(control, StackControlMBean.class), new ObjectName(CONTROL));
        } catch (JMException e) {
            throw new IllegalStateException("Could not publish the stack controls", e);
        }
        System.setProperty(BOOTSTRAP, stack.bootstrapServers());
        System.setProperty(MONGO, stack.mongoConnectionString());
        System.setProperty(DATA, dir.toString());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stack.close();
            deleteTree(dir);
        }, "shared-stack-shutdown"));
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // target/ is cleaned by the next build anyway
        }
    }
}
