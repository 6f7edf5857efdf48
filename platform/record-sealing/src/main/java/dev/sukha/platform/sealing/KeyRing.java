package dev.sukha.platform.sealing;

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
 * The key-encrypting keys (KEKs) that wrap every person's record key before it is stored. They come
 * from a file that is never in the store (in Kubernetes the {@code sukha-record-keys} Secret,
 * mounted read-only; on the local stack {@code .run/keys/records.kek}), one per line as
 * {@code id:base64 of 32 bytes}: the first line wraps new keys, every line unwraps what it wrapped
 * (rotation: put a new line first). A backup of the store alone opens nothing.
 * <p>
 * A wrapped key is {@code kekId:base64(Gcm.seal(kek, key, "person-key|" + user + "|" + keyId))}:
 * bound to its person and its id, so a wrapped key copied to another person's document opens nothing.
 */
public final class KeyRing {

    private final String currentId;
    private final Map<String, SecretKey> keks;

    private KeyRing(Map<String, SecretKey> keks) {
        if (keks.isEmpty()) {
            throw new IllegalStateException("no key-encrypting key");
        }
        this.keks = keks;
        this.currentId = keks.keySet().iterator().next();
    }

    public static KeyRing load(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("The key-encrypting keys (sukha.keys.kek-location) cannot be read at " + file, e);
        }
        return parse(text, file.toString());
    }

    /** The ring written in {@code text}; {@code source} names it in errors. */
    public static KeyRing parse(String text, String source) {
        Map<String, SecretKey> keks = new LinkedHashMap<>();
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int colon = line.indexOf(':');
            byte[] bytes = colon > 0 ? decode(line.substring(colon + 1)) : null;
            if (bytes == null || bytes.length != 32) {
                throw new IllegalStateException("A line of " + source + " is not 'id:base64 of 32 bytes'");
            }
            keks.put(line.substring(0, colon), new SecretKeySpec(bytes, "AES"));
        }
        return new KeyRing(keks);
    }

    private static byte[] decode(String base64) {
        try {
            return Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The id of the key that wraps new keys. */
    public String currentId() {
        return currentId;
    }

    static String associated(String user, String keyId) {
        return "person-key|" + user + "|" + keyId;
    }

    /** The id of the KEK that wrapped {@code wrapped}, or null when it names none. */
    public static String wrappedBy(String wrapped) {
        int colon = wrapped == null ? -1 : wrapped.indexOf(':');
        return colon > 0 ? wrapped.substring(0, colon) : null;
    }

    /** {@code kekId:base64(sealed key)}, bound to the person and the key's id. */
    public String wrap(String user, String keyId, SecretKey key) {
        return currentId + ":" + Base64.getEncoder().encodeToString(Gcm.seal(keks.get(currentId), key.getEncoded(),
                associated(user, keyId)));
    }

    /** The person's key; fails if it was wrapped for another person or id, by a KEK not here, or altered. */
    public SecretKey unwrap(String user, String keyId, String wrapped) {
        int colon = wrapped == null ? -1 : wrapped.indexOf(':');
        SecretKey kek = colon > 0 ? keks.get(wrapped.substring(0, colon)) : null;
        if (kek == null) {
            throw new IllegalStateException("the key " + keyId + " was wrapped by a key-encrypting key that is not configured");
        }
        try {
            return new SecretKeySpec(Gcm.open(kek, Base64.getDecoder().decode(wrapped.substring(colon + 1)),
                    associated(user, keyId)), "AES");
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("the key " + keyId + " does not unwrap", e);
        }
    }
}
