package dev.sukha.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The local stack's key-encrypting key for person record keys: generated on first start as
 * {@code <data>/keys/records.kek} (never committed), in the format the services read from the
 * Kubernetes Secret ({@code id:base64 of 32 bytes}, the first line current).
 */
public final class RecordKeys {

    public static final String FILE = "records.kek";

    private RecordKeys() {
    }

    public static Path loadOrCreate(Path dir) {
        Path file = dir.resolve(FILE);
        if (Files.exists(file)) {
            return file;
        }
        byte[] kek = new byte[32];
        new SecureRandom().nextBytes(kek);
        try {
            Files.createDirectories(dir);
            Files.writeString(file, "# local stack, generated " + java.time.Instant.now() + "\nlocal-1:"
                    + Base64.getEncoder().encodeToString(kek) + "\n");
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: the directory's own protection applies
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }
}
