package dev.sukha.platform.sealing;

import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;

/**
 * What a store keeps of what a person recorded (a projection's events, facts and histories, a goal,
 * a pause, a claim's content), sealed under that person's key wherever it rests: a copy of the
 * database, or a backup of it, opens nothing, and erasing the key makes every copy unreadable.
 * <p>
 * <b>Deterministic</b>, because the stores compare what they hold: the same value in the same place
 * seals to the same text, so {@code $addToSet} still keeps one copy of an event written twice, and
 * {@code $max} still picks one of two writers that derived the same entry. The nonce is synthetic
 * (as in SIV, RFC 5297): the first 96 bits of HMAC-SHA-256, under a key of its own, of the place and
 * the value; then AES-256-GCM under the place as associated data. Equal values in one place show as
 * equal — all they tell — and two different values get the same nonce only by a 2<sup>-96</sup>
 * accident. The <i>place</i> binds a sealed value to where it belongs (whose, what, which session or
 * week): moved to another person's document, or another field, it opens nothing.
 * <p>
 * A sealed value is {@code "~1"} then base64url (no padding) of {@code nonce ‖ ciphertext ‖ tag}. The
 * {@code '~'} sorts after every character a plain value of ours starts with ({@code {}, {@code [},
 * digits, letters), so while a store is being migrated {@code $max} prefers the sealed copy of an
 * entry over the plain one at the same revision.
 * <p>
 * {@link #digest} is a keyed hash (HMAC-SHA-256 under a third derived key, 128 bits) for what a store
 * must only compare, never read back: a claim's content.
 * <p>
 * The three keys are derived from the person's key once ({@link #of}); keep the instance with the key.
 */
public final class SealedValues {

    /** How every sealed value starts (the format's version 1). */
    public static final String PREFIX = "~1";
    static final int DIGEST_BYTES = 16;
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64_DECODE = Base64.getUrlDecoder();
    private static final ThreadLocal<Mac> HMAC = ThreadLocal.withInitial(() -> {
        try {
            return Mac.getInstance("HmacSHA256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA-256 is not available", e);
        }
    });

    private final SecretKey cipherKey;
    private final SecretKeySpec nonceKey;
    private final SecretKeySpec digestKey;

    private SealedValues(SecretKey cipherKey, SecretKeySpec nonceKey, SecretKeySpec digestKey) {
        this.cipherKey = cipherKey;
        this.nonceKey = nonceKey;
        this.digestKey = digestKey;
    }

    /** The person's sealer, its keys derived from their record key (HMAC-SHA-256 of a label under it). */
    public static SealedValues of(SecretKey personKey) {
        SecretKeySpec root = new SecretKeySpec(personKey.getEncoded(), "HmacSHA256");
        return new SealedValues(new SecretKeySpec(derive(root, "sukha stored value cipher v1"), "AES"),
                new SecretKeySpec(derive(root, "sukha stored value nonce v1"), "HmacSHA256"),
                new SecretKeySpec(derive(root, "sukha stored value digest v1"), "HmacSHA256"));
    }

    private static byte[] derive(SecretKeySpec root, String label) {
        return hmac(root, label.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] hmac(SecretKeySpec key, byte[]... parts) {
        Mac mac = HMAC.get();
        try {
            mac.init(key);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA-256 refused its key", e);
        }
        for (byte[] part : parts) {
            mac.update(part);
        }
        return mac.doFinal();
    }

    /** The place and the value, unambiguously: the place's length first. */
    private static byte[][] framed(String place, byte[] value) {
        byte[] p = place.getBytes(StandardCharsets.UTF_8);
        return new byte[][]{ByteBuffer.allocate(4).putInt(p.length).array(), p, value};
    }

    /** True for a value sealed here; false for plain text (written before stores were sealed). */
    public static boolean isSealed(String stored) {
        return stored != null && stored.startsWith(PREFIX);
    }

    /** {@code value} sealed for {@code place}: always the same text for the same person, place and value. */
    public String seal(String place, String value) {
        byte[] plain = value.getBytes(StandardCharsets.UTF_8);
        byte[] nonce = Arrays.copyOf(hmac(nonceKey, framed(place, plain)), Gcm.NONCE_BYTES);
        return PREFIX + B64.encodeToString(Gcm.seal(cipherKey, nonce, plain, associated(place)));
    }

    /**
     * The value sealed for {@code place}; a plain value (not {@link #isSealed}) is returned as it is.
     * Fails for another person's key, another place, or a single changed bit.
     */
    public String open(String place, String stored) throws GeneralSecurityException {
        if (!isSealed(stored)) {
            return stored;
        }
        byte[] bytes;
        try {
            bytes = B64_DECODE.decode(stored.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new GeneralSecurityException("a sealed value that is not base64url");
        }
        return new String(Gcm.open(cipherKey, bytes, associated(place)), StandardCharsets.UTF_8);
    }

    /** A keyed hash of {@code value} in {@code place} (128 bits, base64url): equal for equal values, and nothing else. */
    public String digest(String place, String value) {
        return B64.encodeToString(Arrays.copyOf(hmac(digestKey, framed(place, value.getBytes(StandardCharsets.UTF_8))),
                DIGEST_BYTES));
    }

    private static byte[] associated(String place) {
        return ("stored-value|" + place).getBytes(StandardCharsets.UTF_8);
    }
}
