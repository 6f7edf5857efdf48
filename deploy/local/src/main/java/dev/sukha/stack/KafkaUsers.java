package dev.sukha.stack;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The Kafka principals of a secured local stack, as production's KafkaUsers name them: {@code admin} (the broker
 * itself and whoever sets ACLs up) and one per service. Their passwords are generated on first start into
 * {@code <data>/keys/kafka-users.properties} (never committed); the broker learns them when its storage is
 * formatted, as KRaft bootstraps SCRAM credentials.
 */
public final class KafkaUsers {

    public static final String FILE = "kafka-users.properties";
    public static final String ADMIN = "admin";
    public static final List<String> SERVICES = List.of("routine-service", "session-service", "insights-service");
    public static final String MECHANISM = "SCRAM-SHA-512";

    private final Map<String, String> passwords;

    private KafkaUsers(Map<String, String> passwords) {
        this.passwords = Map.copyOf(passwords);
    }

    public static KafkaUsers loadOrCreate(Path dir) {
        Path file = dir.resolve(FILE);
        Properties stored = new Properties();
        try {
            if (Files.exists(file)) {
                try (InputStream in = Files.newInputStream(file)) {
                    stored.load(in);
                }
            } else {
                SecureRandom random = new SecureRandom();
                for (String user : all()) {
                    byte[] secret = new byte[24];
                    random.nextBytes(secret);
                    stored.setProperty(user, HexFormat.of().formatHex(secret));
                }
                Files.createDirectories(dir);
                try (OutputStream out = Files.newOutputStream(file)) {
                    stored.store(out, "SCRAM passwords of the secured local stack's Kafka users");
                }
                try {
                    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException e) {
                    // not a POSIX file system: the directory's own protection applies
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> passwords = new LinkedHashMap<>();
        for (String user : all()) {
            String password = stored.getProperty(user);
            if (password == null) {
                throw new IllegalStateException(file + " has no password for " + user);
            }
            passwords.put(user, password);
        }
        return new KafkaUsers(passwords);
    }

    private static List<String> all() {
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(ADMIN), SERVICES.stream()).toList();
    }

    /** Kafka's {@code kafka-storage format --add-scram} arguments: every user's credential, made at format time. */
    List<String> scramArguments() {
        return passwords.entrySet().stream()
                .map(e -> MECHANISM + "=[name=" + e.getKey() + ",password=" + e.getValue() + "]").toList();
    }

    String password(String user) {
        String password = passwords.get(user);
        if (password == null) {
            throw new IllegalArgumentException("no Kafka user " + user);
        }
        return password;
    }

    /** The JAAS line a client of {@code user} sets as {@code sasl.jaas.config}, as the KafkaUser's Secret holds it. */
    public String jaasConfig(String user) {
        return jaasConfig(user, password(user));
    }

    static String jaasConfig(String user, String password) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user
                + "\" password=\"" + password + "\";";
    }

    /** What a client authenticated as {@code user} adds to its settings (the {@code kafka.*} keys, without the prefix). */
    public Map<String, String> clientSettings(String user) {
        return Map.of("security.protocol", "SASL_PLAINTEXT", "sasl.mechanism", MECHANISM,
                "sasl.jaas.config", jaasConfig(user));
    }
}
