package dev.sukha.platform.sealing;

import org.junit.jupiter.api.Test;

import javax.crypto.SecretKey;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GcmTest {

    private static final byte[] RECORD = "{\"pain\":{\"neck\":6}}".getBytes(StandardCharsets.UTF_8);

    @Test
    void opensWithTheSameKeyAndAssociatedDataOnly() throws Exception {
        SecretKey key = Gcm.newKey();
        byte[] sealed = Gcm.seal(key, RECORD, "practice-event|e1|alice|k1");
        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("neck");
        assertThat(Gcm.open(key, sealed, "practice-event|e1|alice|k1")).isEqualTo(RECORD);
        assertThatThrownBy(() -> Gcm.open(Gcm.newKey(), sealed, "practice-event|e1|alice|k1"))
                .isInstanceOf(GeneralSecurityException.class);
        assertThatThrownBy(() -> Gcm.open(key, sealed, "practice-event|e1|bob|k1")).isInstanceOf(GeneralSecurityException.class);
        sealed[sealed.length - 1] ^= 1;
        assertThatThrownBy(() -> Gcm.open(key, sealed, "practice-event|e1|alice|k1")).isInstanceOf(GeneralSecurityException.class);
    }

    @Test
    void everySealingUsesAFreshNonce() {
        SecretKey key = Gcm.newKey();
        assertThat(Gcm.seal(key, RECORD, "a")).isNotEqualTo(Gcm.seal(key, RECORD, "a"));
    }

    @Test
    void aKeyRingWrapsWithItsFirstKeyAndUnwrapsWithAnyOfItsKeys() {
        String old = "old:" + Base64.getEncoder().encodeToString(new byte[32]);
        byte[] fresh = new byte[32];
        fresh[0] = 7;
        String current = "new:" + Base64.getEncoder().encodeToString(fresh);
        SecretKey person = Gcm.newKey();
        String wrappedByOld = KeyRing.parse(old + "\n", "test").wrap("alice", "k1", person);
        assertThat(wrappedByOld).startsWith("old:");
        KeyRing rotated = KeyRing.parse("# rotated\n" + current + "\n" + old + "\n", "test");
        assertThat(rotated.unwrap("alice", "k1", wrappedByOld).getEncoded()).isEqualTo(person.getEncoded());
        assertThat(rotated.wrap("alice", "k1", person)).startsWith("new:");
        // A wrapped key is bound to its person and id.
        assertThatThrownBy(() -> rotated.unwrap("bob", "k1", wrappedByOld)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> KeyRing.parse("new:" + current.substring(4, 20) + "\n", "test"))
                .hasMessageContaining("not 'id:base64 of 32 bytes'");
        assertThatThrownBy(() -> KeyRing.parse(current + "\n", "test").unwrap("alice", "k1", wrappedByOld))
                .hasMessageContaining("not configured");
    }
}
