package dev.sukha.platform.sealing;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import javax.crypto.SecretKey;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Whatever the record and whoever the person: sealed, it opens to the same bytes with its key, and
 * to nothing for another key, another event, person or key id, or one bit changed.
 */
class SealingPropertiesTest {

    @Provide
    Arbitrary<String> people() {
        // Subjects as providers make them: "auth0|1234", e-mail addresses, UUIDs, anything printable.
        return Arbitraries.strings().withCharRange(' ', '~').ofMinLength(1).ofMaxLength(40);
    }

    @Provide
    Arbitrary<byte[]> records() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(2000);
    }

    @Property(tries = 300)
    void sealedRecordsOpenWithTheirKeyOnly(@ForAll("people") String user, @ForAll("records") byte[] record,
                                           @ForAll("people") String other, @ForAll int bit) throws Exception {
        SecretKey key = Gcm.newKey();
        String eventId = UUID.randomUUID().toString();
        String keyId = UUID.randomUUID().toString();
        SealedRecord sealed = SealedRecord.seal(eventId, user, keyId, key, record);
        assertThat(sealed.schemaVersion()).isEqualTo(2);
        assertThat(sealed.open(key)).isEqualTo(record);

        assertThatThrownBy(() -> sealed.open(Gcm.newKey())).isInstanceOf(GeneralSecurityException.class);
        assertThatThrownBy(() -> new SealedRecord(2, UUID.randomUUID().toString(), user, keyId, sealed.sealed()).open(key))
                .as("another event").isInstanceOf(GeneralSecurityException.class);
        if (!other.equals(user)) {
            assertThatThrownBy(() -> new SealedRecord(2, eventId, other, keyId, sealed.sealed()).open(key))
                    .as("another person").isInstanceOf(GeneralSecurityException.class);
        }
        assertThatThrownBy(() -> new SealedRecord(2, eventId, user, UUID.randomUUID().toString(), sealed.sealed()).open(key))
                .as("another key id").isInstanceOf(GeneralSecurityException.class);
        byte[] bytes = Base64.getDecoder().decode(sealed.sealed());
        int at = Math.floorMod(bit, bytes.length * 8);
        bytes[at / 8] ^= (byte) (1 << (at % 8));
        assertThatThrownBy(() -> new SealedRecord(2, eventId, user, keyId, Base64.getEncoder().encodeToString(bytes)).open(key))
                .as("bit %d changed", at).isInstanceOf(GeneralSecurityException.class);
    }

    @Property(tries = 200)
    void wrappedKeysUnwrapForTheirPersonAndIdOnly(@ForAll("people") String user, @ForAll("people") String other) {
        KeyRing ring = KeyRing.parse("k:" + Base64.getEncoder().encodeToString(Gcm.newKey().getEncoded()), "test");
        SecretKey key = Gcm.newKey();
        String keyId = UUID.randomUUID().toString();
        String wrapped = ring.wrap(user, keyId, key);
        assertThat(ring.unwrap(user, keyId, wrapped).getEncoded()).isEqualTo(key.getEncoded());
        if (!other.equals(user)) {
            assertThatThrownBy(() -> ring.unwrap(other, keyId, wrapped)).isInstanceOf(IllegalStateException.class);
        }
        assertThatThrownBy(() -> ring.unwrap(user, UUID.randomUUID().toString(), wrapped)).isInstanceOf(IllegalStateException.class);
    }
}
