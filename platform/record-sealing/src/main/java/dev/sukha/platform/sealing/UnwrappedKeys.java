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

    private final KeyRing ring;
    private final Map<String, SecretKey> keys = Collections.synchronizedMap(new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, SecretKey> eldest) {
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
        if (!state.live()) {
            return null;
        }
        return keys.computeIfAbsent(state.keyId(), id -> ring.unwrap(state.userId(), id, state.wrapped()));
    }

    /** A key this instance has just made, so that it is not unwrapped again. */
    public void remember(String keyId, SecretKey key) {
        keys.put(keyId, key);
    }

    /** A destroyed key: this instance's copy goes (others' age out; none is used again). */
    public void forget(String keyId) {
        keys.remove(keyId);
    }
}
