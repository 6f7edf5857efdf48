package dev.sukha.stack;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * Points a {@code @QuarkusTest} or {@code @QuarkusIntegrationTest} at the shared
 * stack of this test JVM: the real broker, the store, and the token key.
 */
public class LocalStackResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        SharedStack.Info stack = SharedStack.get();
        return Map.of(
                "kafka.bootstrap.servers", stack.bootstrapServers(),
                "quarkus.mongodb.connection-string", stack.mongoConnectionString(),
                "mp.jwt.verify.publickey.location", stack.publicKey().toString(),
                "mp.jwt.verify.issuer", JwtKeys.ISSUER);
    }

    @Override
    public void stop() {
        // The stack lives as long as the test JVM; a shutdown hook stops it.
    }
}
