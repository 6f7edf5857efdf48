package dev.sukha.platform.sealing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import javax.crypto.SecretKey;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A key wrapped and a record sealed by session-service's own classes before they moved here
 * (sealed-before.json, made with them on 2026-12-02): both still open, to the very record.
 */
class SealedBeforeTest {

    @Test
    void whatTheServicesSealedBeforeStillOpens() throws Exception {
        JsonNode before = new ObjectMapper().readTree(getClass().getResourceAsStream("/sealed-before.json"));
        KeyRing ring = KeyRing.parse(before.path("keyRing").asText(), "sealed-before.json");
        SecretKey key = ring.unwrap(before.path("user").asText(), before.path("keyId").asText(), before.path("wrappedKey").asText());
        JsonNode envelope = before.path("sealedRecord");
        SealedRecord sealed = new SealedRecord(envelope.path("schemaVersion").asInt(), envelope.path("eventId").asText(),
                envelope.path("userId").asText(), envelope.path("keyId").asText(), envelope.path("sealed").asText());
        assertThat(sealed.missing()).isNull();
        JsonNode record = new ObjectMapper().readTree(new String(sealed.open(key), StandardCharsets.UTF_8));
        assertThat(record).isEqualTo(before.path("plainRecord"));
    }
}
