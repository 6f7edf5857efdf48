package dev.sukha.platform.sealing;

import org.junit.jupiter.api.Test;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fixed keys, nonces and plaintexts with the bytes they must give: a change to the cipher, the
 * nonce's place, the associated data or the encodings fails here, loudly, before any record
 * written before it stops opening.
 */
class KnownAnswerTest {

    private static final HexFormat HEX = HexFormat.of();

    private static SecretKey key(String hex) {
        return new SecretKeySpec(HEX.parseHex(hex), "AES");
    }

    /** 0x00, 0x01, ... {@code n} bytes. */
    private static byte[] counting(int n, int from) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (from + i);
        }
        return b;
    }

    @Test
    void aes256GcmIsTheStandardOne() {
        // The GCM specification's test case 16 (McGrew and Viega): AES-256, 96-bit IV, 20 bytes of associated data.
        byte[] sealed = Gcm.seal(key("feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308"),
                HEX.parseHex("cafebabefacedbaddecaf888"),
                HEX.parseHex("d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39"),
                HEX.parseHex("feedfacedeadbeeffeedfacedeadbeefabaddad2"));
        assertThat(HEX.formatHex(sealed)).isEqualTo("cafebabefacedbaddecaf888"
                + "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662"
                + "76fc6ece0f4e1768cddf8853bb2d551b");
    }

    private static final SecretKey PERSON_KEY = new SecretKeySpec(counting(32, 0), "AES");
    private static final String RECORD = "{\"schemaVersion\":1,\"eventId\":\"e1c0a9f2-0000-4000-8000-000000000001\",\"userId\":\"ana\","
            + "\"type\":\"SESSION_STARTED\",\"pain\":{\"neck\":6}}";

    @Test
    void aSealedRecordIsNonceThenCiphertextAndTagUnderItsEventPersonAndKey() throws Exception {
        String associated = SealedRecord.associated("e1c0a9f2-0000-4000-8000-000000000001", "ana", "k-0001");
        assertThat(associated).isEqualTo("practice-event|e1c0a9f2-0000-4000-8000-000000000001|ana|k-0001");
        byte[] sealed = Gcm.seal(PERSON_KEY, counting(12, 100), RECORD.getBytes(StandardCharsets.UTF_8), associated);
        String expected = "ZGVmZ2hpamtsbW5vMzmtBRGMO/9oBy2bswoE33jzKijuGpYc05jIasGBwHn32SH5KiC2NM3DSBLJcvr/NmOo1xBncRjKwZzm37GVuji9"
                + "+SL0Pkhg+SaJYSuoUIgFWjMW07z9o/3LFJc+QB0YwT/NLT8M6ir2vvzpgH3ZgUwJumTjF9xX2Vuph6fJXICKL6P+UT5o2q35PRQ++Q==";
        assertThat(Base64.getEncoder().encodeToString(sealed)).isEqualTo(expected);
        SealedRecord envelope = new SealedRecord(2, "e1c0a9f2-0000-4000-8000-000000000001", "ana", "k-0001", expected);
        assertThat(new String(envelope.open(PERSON_KEY), StandardCharsets.UTF_8)).isEqualTo(RECORD);
    }

    @Test
    void aWrappedKeyIsTheKekIdThenTheKeySealedUnderItsPersonAndId() {
        String kek = Base64.getEncoder().encodeToString(counting(32, 200));
        KeyRing ring = KeyRing.parse("kek-a:" + kek + "\n", "test");
        byte[] wrapped = Gcm.seal(new SecretKeySpec(counting(32, 200), "AES"), counting(12, 50), PERSON_KEY.getEncoded(),
                "person-key|ana|k-0001");
        String expected = "kek-a:MjM0NTY3ODk6Ozw978w7ZmjG1R2Ea85V0n3mIvd9nCx+ZEMCV/eiH1MjGT3RoUw+GatIjaS9ZKq2CQWT";
        assertThat("kek-a:" + Base64.getEncoder().encodeToString(wrapped)).isEqualTo(expected);
        assertThat(ring.unwrap("ana", "k-0001", expected).getEncoded()).isEqualTo(PERSON_KEY.getEncoded());
    }
}
