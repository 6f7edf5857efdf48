package dev.sukha.platform.sealing;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import java.security.GeneralSecurityException;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Stored values: the bytes a fixed key, place and value must give (so nothing written stops opening
 * unnoticed), and, for any of them, sealing that is deterministic, opens for its person and place only,
 * and never shows the value.
 */
class SealedValuesTest {

    private static final SecretKey PERSON_KEY = new SecretKeySpec(counting(32), "AES");

    private static byte[] counting(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) i;
        }
        return b;
    }

    /** The expected texts were computed apart from this code, with Python's hmac and cryptography's AESGCM. */
    @Test
    void aSealedValueIsItsPrefixThenNonceCiphertextAndTagOfItsPersonPlaceAndValue() throws Exception {
        SealedValues values = SealedValues.of(PERSON_KEY);
        String sealed = values.seal("ana|f|5b0e", "[\"upper-back-release\",3,{\"neck\":6}]");
        assertThat(sealed).isEqualTo("~1yQyIPIbvO11WkY66XDcd-OvlSyAz5GER08VrO0oyYOJ68I031TZOR6Wavj0L7cwZu5ZZxwdlmHygnYcKXf1p");
        assertThat(values.open("ana|f|5b0e", sealed)).isEqualTo("[\"upper-back-release\",3,{\"neck\":6}]");
        assertThat(values.digest("claim|e1", "SESSION_STARTED|neck=6")).isEqualTo("7KlTbb9kAX3qxKw63nydcg");
    }

    @Test
    void aPlainValueWrittenBeforeSealingReadsAsItIs() throws Exception {
        assertThat(SealedValues.isSealed("{\"d\":1}")).isFalse();
        assertThat(SealedValues.of(PERSON_KEY).open("anywhere", "{\"d\":1}")).isEqualTo("{\"d\":1}");
    }

    @Test
    void theSameValueSealedTwiceInARowIsTheSameText() {
        // The JDK refuses a cipher the key and nonce it was last given; a repeated value must still seal.
        SealedValues values = SealedValues.of(Gcm.newKey());
        assertThat(values.seal("p", "v")).isEqualTo(values.seal("p", "v"));
    }

    @Provide
    Arbitrary<String> texts() {
        return Arbitraries.strings().ofMinLength(0).ofMaxLength(300);
    }

    @Property(tries = 300)
    void sealedValuesOpenForTheirPersonAndPlaceOnly(@ForAll("texts") String value, @ForAll("texts") String place,
                                                    @ForAll("texts") String otherPlace, @ForAll int bit) throws Exception {
        SecretKey key = Gcm.newKey();
        SealedValues values = SealedValues.of(key);
        String sealed = values.seal(place, value);
        assertThat(SealedValues.isSealed(sealed)).isTrue();
        assertThat(sealed).isEqualTo(SealedValues.of(new SecretKeySpec(key.getEncoded(), "AES")).seal(place, value));
        assertThat(values.open(place, sealed)).isEqualTo(value);
        if (value.length() >= 4) {
            assertThat(sealed).doesNotContain(value);
        }
        assertThatThrownBy(() -> SealedValues.of(Gcm.newKey()).open(place, sealed)).isInstanceOf(GeneralSecurityException.class);
        if (!otherPlace.equals(place)) {
            assertThatThrownBy(() -> values.open(otherPlace, sealed)).as("another place").isInstanceOf(GeneralSecurityException.class);
        }
        byte[] bytes = Base64.getUrlDecoder().decode(sealed.substring(SealedValues.PREFIX.length()));
        int at = Math.floorMod(bit, bytes.length * 8);
        bytes[at / 8] ^= (byte) (1 << (at % 8));
        String changed = SealedValues.PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        assertThatThrownBy(() -> values.open(place, changed)).as("bit %d changed", at).isInstanceOf(GeneralSecurityException.class);
    }

    @Property(tries = 200)
    void digestsAreEqualForEqualValuesOnly(@ForAll("texts") String a, @ForAll("texts") String b, @ForAll("texts") String place) {
        SealedValues values = SealedValues.of(Gcm.newKey());
        assertThat(values.digest(place, a)).isEqualTo(values.digest(place, a));
        assertThat(values.digest(place, a).equals(values.digest(place, b))).isEqualTo(a.equals(b));
        assertThat(SealedValues.of(Gcm.newKey()).digest(place, a)).isNotEqualTo(values.digest(place, a));
    }
}
