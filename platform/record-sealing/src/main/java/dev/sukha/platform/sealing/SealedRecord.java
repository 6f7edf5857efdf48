package dev.sukha.platform.sealing;

import javax.crypto.SecretKey;
import java.security.GeneralSecurityException;
import java.util.Base64;

/**
 * The envelope of a sealed record on {@code practice-events} (its JSON schema,
 * {@code practice-event.v2.json}, is the contract's, owned by session-service): the record inside,
 * whole, sealed with AES-256-GCM under its person's key; readable stay only what routing and
 * deduplication need — the event id, the user id (the record key anyway) and which key. The
 * associated data {@code practice-event|eventId|userId|keyId} binds the sealed bytes to all three.
 * Erasing the key makes every copy unreadable: on the topic, in its dead letters, in any backup.
 * <p>
 * The components are the JSON fields, in the order they are written.
 */
public record SealedRecord(int schemaVersion, String eventId, String userId, String keyId, String sealed) {

    public static final int SCHEMA_VERSION = 2;

    /** Binds a sealed record to its event, person and key: it cannot be passed off as another's. */
    public static String associated(String eventId, String userId, String keyId) {
        return "practice-event|" + eventId + "|" + userId + "|" + keyId;
    }

    /** {@code plainRecord} (the record's JSON bytes) sealed for this event, person and key. */
    public static SealedRecord seal(String eventId, String userId, String keyId, SecretKey key, byte[] plainRecord) {
        return new SealedRecord(SCHEMA_VERSION, eventId, userId, keyId,
                Base64.getEncoder().encodeToString(Gcm.seal(key, plainRecord, associated(eventId, userId, keyId))));
    }

    /** What is missing for an envelope, or null when every field is there. */
    public String missing() {
        if (eventId == null || userId == null || keyId == null || sealed == null) {
            return "a sealed record needs eventId, userId, keyId and sealed";
        }
        return null;
    }

    /**
     * The record's bytes, with the person's key; fails for another key, another event, person or
     * key id in the envelope, or a single altered bit.
     */
    public byte[] open(SecretKey key) throws GeneralSecurityException {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(sealed);
        } catch (IllegalArgumentException e) {
            throw new GeneralSecurityException("sealed is not base64");
        }
        return Gcm.open(key, bytes, associated(eventId, userId, keyId));
    }
}
