package dev.sukha.insights.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Zones checked once are remembered, up to a bound: offsets with seconds are valid zones without end. */
class KnownZonesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static ObjectNode record(String zone) {
        ObjectNode e = JSON.createObjectNode();
        e.put("schemaVersion", 1).put("eventId", UUID.randomUUID().toString()).put("userId", "zoned")
                .put("sessionId", UUID.randomUUID().toString()).put("type", "SESSION_STARTED")
                .put("occurredAt", "2026-11-30T07:05:00Z").put("routineId", "upper-back-release")
                .put("routineVersion", 1).put("stepCount", 9).put("zone", zone);
        return e;
    }

    @Test
    void everyValidZoneIsReadAndTheRememberedOnesStayBounded() throws Exception {
        for (int s = 1; s <= PracticeRecord.MAX_KNOWN_ZONES + 200; s++) {
            String zone = String.format("UTC+%02d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
            assertThat(PracticeRecord.read("zoned", record(zone)).zone()).isEqualTo(zone);
        }
        assertThat(PracticeRecord.knownZones()).isLessThanOrEqualTo(PracticeRecord.MAX_KNOWN_ZONES);
        // Past the bound, an unknown zone is still refused, and a known one still read.
        assertThatThrownBy(() -> PracticeRecord.read("zoned", record("Mars/Olympus_Mons")))
                .hasMessageContaining("unknown zone");
        assertThat(PracticeRecord.read("zoned", record("Europe/Lisbon")).zone()).isEqualTo("Europe/Lisbon");
    }
}
