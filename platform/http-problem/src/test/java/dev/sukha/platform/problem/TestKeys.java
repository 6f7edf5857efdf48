package dev.sukha.platform.problem;

import dev.sukha.stack.JwtKeys;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** A signing key of its own, without the whole local stack: these tests need tokens, not Kafka or a store. */
public class TestKeys implements QuarkusTestResourceLifecycleManager {

    static Path dir;

    @Override
    public Map<String, String> start() {
        try {
            dir = Files.createTempDirectory("problem-keys");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        JwtKeys.loadOrCreate(dir);
        // Quarkus loads this class again for the tests: they find the keys through the JVM, not a static field.
        System.setProperty("problem.test.keys", dir.toString());
        return Map.of("mp.jwt.verify.publickey.location", dir.resolve("public.pem").toString(),
                "mp.jwt.verify.issuer", JwtKeys.ISSUER);
    }

    static String token(String user, String... roles) {
        return JwtKeys.existing(Path.of(System.getProperty("problem.test.keys")))
                .token(user, java.util.List.of(roles), java.time.Duration.ofMinutes(10));
    }

    @Override
    public void stop() {
        // the temporary directory goes with the JVM's
    }
}
