package dev.sukha.insights.keys;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The key-encrypting keys that unwrap person record keys: the same mounted Secret as
 * session-service's ({@code id:base64 of 32 bytes} per line; every line unwraps what it wrapped).
 * insights only unwraps; session-service creates and wraps the keys.
 */
public final class KeyRing {

    private final Map<String, SecretKey> keks;

    KeyRing(Map<String, SecretKey> keks) {
        if (keks.isEmpty()) {
            throw new IllegalStateException("no key-encrypting key");
        }
        this.keks = keks;
    }

    public static KeyRing load(Path file) {
        try {
            return parse(Files.readString(file), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("The key-encrypting keys (sukha.keys.kek-location) cannot be read at " + file, e);
        }
    }

    static KeyRing parse(String text, String source) {
        Map<String, SecretKey> keks = new LinkedHashMap<>();
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int colon = line.indexOf(':');
            byte[] bytes;
            try {
                bytes = colon > 0 ? Base64.getDecoder().decode(line.substring(colon + 1).strip()) : null;
            } catch (IllegalArgumentException e) {
                bytes = null;
            }
            if (bytes == null || bytes.length != 32) {
                throw new IllegalStateException("A line of " + source + " is not 'id:base64 of 32 bytes'");
            }
            keks.put(line.substring(0, colon), new SecretKeySpec(bytes, "AES"));
        }
        return new KeyRing(keks);
    }

    /** Unwraps {@code kekId:base64}, bound to the person and the key's id. */
    public SecretKey unwrap(String user, String keyId, String wrapped) {
        int colon = wrapped.indexOf(':');
        SecretKey kek = colon > 0 ? keks.get(wrapped.substring(0, colon)) : null;
        if (kek == null) {
            throw new IllegalStateException("the key " + keyId + " was wrapped by a key-encrypting key that is not configured");
        }
        try {
            return new SecretKeySpec(Gcm.open(kek, Base64.getDecoder().decode(wrapped.substring(colon + 1)),
                    "person-key|" + user + "|" + keyId), "AES");
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("the key " + keyId + " does not unwrap", e);
        }
    }
}
