package dev.sukha.insights.store;

import dev.sukha.platform.sealing.SealedValues;

import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Person keys for tests that write and read the projection without a key store: one fixed key per
 * person (a hash of their id), so that what one writer seals another reads.
 */
public final class TestSeals {

    private static final Map<String, SealedValues> VALUES = new ConcurrentHashMap<>();

    /** The seal a consumed batch would give each person. */
    public static final Function<String, PersonSeal> BATCH = user -> PersonSeal.of(user, values(user));

    /** Reads and settings with the same keys. */
    public static final PersonSeals SEALS = new PersonSeals(TestSeals::values);

    private TestSeals() {
    }

    public static SealedValues values(String user) {
        return VALUES.computeIfAbsent(user, u -> {
            try {
                byte[] key = MessageDigest.getInstance("SHA-256").digest(("test key of " + u).getBytes(StandardCharsets.UTF_8));
                return SealedValues.of(new SecretKeySpec(key, "AES"));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    public static PersonSeal of(String user) {
        return BATCH.apply(user);
    }
}
