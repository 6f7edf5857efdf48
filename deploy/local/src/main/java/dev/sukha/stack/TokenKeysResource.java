package dev.sukha.stack;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A signing key of its own for a {@code @QuarkusTest} that needs tokens but not Kafka or a store (the
 * platform modules' tests); {@link LocalStackResource} is the one with the whole stack.
 */
public class TokenKeysResource implements QuarkusTestResourceLifecycleManager {

    static Path dir;

    @Override
    public Map<String, String> start() {
        try {
            dir = Files.createTempDirectory("test-keys");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        JwtKeys.loadOrCreate(dir);
        // Quarkus loads this class again for the tests: they find the keys through the JVM, not a static field.
        System.setProperty("sukha.test.keys", dir.toString());
        return Map.of("mp.jwt.verify.publickey.location", dir.resolve("public.pem").toString(),
                "mp.jwt.verify.issuer", JwtKeys.ISSUER);
    }

    /** A token signed with this resource's key, valid ten minutes. */
    public static String token(String user, String... roles) {
        return token(java.time.Duration.ofMinutes(10), user, roles);
    }

    /** A token signed with this resource's key, valid for {@code lifetime}. */
    public static String token(java.time.Duration lifetime, String user, String... roles) {
        return JwtKeys.existing(Path.of(System.getProperty("sukha.test.keys"))).token(user, java.util.List.of(roles), lifetime);
    }

    @Override
    public void stop() {
        // the temporary directory goes with the JVM's
    }
}
