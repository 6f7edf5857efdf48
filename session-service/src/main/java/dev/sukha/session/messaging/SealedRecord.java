package dev.sukha.session.messaging;

import dev.sukha.session.keys.Gcm;
import dev.sukha.session.keys.PersonKeys;

import java.util.Base64;

/**
 * What goes on {@code practice-events} since erasure exists ({@code schemas/practice-event.v2.json}):
 * the record of {@code practice-event.v1.json}, whole, sealed with AES-GCM under its person's key;
 * only what routing and deduplication need stays readable (event id, user id — the record key —,
 * which key). Erasing the key makes every copy unreadable: on the topic, in the dead-letter topic,
 * in any backup of either.
 */
public record SealedRecord(int schemaVersion, String eventId, String userId, String keyId, String sealed) {

    public static final int SCHEMA_VERSION = 2;

    /** Binds a sealed record to its event, person and key: it cannot be passed off as another's. */
    public static String associated(String eventId, String userId, String keyId) {
        return "practice-event|" + eventId + "|" + userId + "|" + keyId;
    }

    public static SealedRecord seal(String eventId, PersonKeys.PersonKey key, byte[] plainRecord) {
        return new SealedRecord(SCHEMA_VERSION, eventId, key.userId(), key.keyId(), Base64.getEncoder().encodeToString(
                Gcm.seal(key.key(), plainRecord, associated(eventId, key.userId(), key.keyId()))));
    }
}
