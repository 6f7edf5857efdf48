package dev.sukha.insights.usecase;

import java.time.Instant;

/**
 * The ledger of erasures, as the erasure writes to it (implemented by messaging's {@code ErasureAnnouncer} on
 * {@code person-erasures}): owned here so that the erasure never imports the messaging that carries it.
 */
public interface ErasureNotices {

    /**
     * Records that {@code user}'s key {@code keyId} (null: they had none) was destroyed at {@code at}, and returns once
     * the ledger holds it; throws when it could not be recorded (the erasure is then finished later, by any instance).
     */
    void erased(String user, String erasureId, Instant at, String keyId);
}
