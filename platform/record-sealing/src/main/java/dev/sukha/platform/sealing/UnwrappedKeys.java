package dev.sukha.platform.sealing;

import javax.crypto.SecretKey;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Person keys already unwrapped, by key id (at most {@value #MAX}, the least recently used going
 * first). Only unwrapping is remembered: whether a key is live is read from the store every time,
 * so an erased key stops sealing and opening at once.
 */
public final class UnwrappedKeys {

    static final int MAX = 100_000;

    /** A key, with the sealer of stored values derived from it once. */
    private record Unwrapped(SecretKey key, SealedValues values) {
        Unwrapped(SecretKey key) {
            this(key, SealedValues.of(key));
        }
    }

    private final KeyRing ring;
    private final Map<String, Unwrapped> keys = Collections.synchronizedMap(new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Unwrapped> eldest) {
            return size() > MAX;
        }
    });

    public UnwrappedKeys(KeyRing ring) {
        this.ring = ring;
    }

    public KeyRing ring() {
        return ring;
    }

    /** The live key of {@code state}, unwrapped once; null when it has none. */
    public SecretKey of(PersonKeyDocuments.State state) {
        Unwrapped u = unwrapped(state);
        return u == null ? null : u.key();
    }

    /** The sealer of stored values of {@code state}'s live key; null when it has none. */
    public SealedValues values(PersonKeyDocuments.State state) {
        Unwrapped u = unwrapped(state);
        return u == null ? null : u.values();
    }

    private Unwrapped unwrapped(PersonKeyDocuments.State state) {
        if (!state.live()) {
            return null;
        }
        return keys.computeIfAbsent(state.keyId(), id -> new Unwrapped(ring.unwrap(state.userId(), id, state.wrapped())));
    }

    /** A key this instance has just made, so that it is not unwrapped again. */
    public void remember(String keyId, SecretKey key) {
        keys.put(keyId, new Unwrapped(key));
    }

    /** A destroyed key: this instance's copy goes (others' age out; none is used again). */
    public void forget(String keyId) {
        keys.remove(keyId);
    }
}
