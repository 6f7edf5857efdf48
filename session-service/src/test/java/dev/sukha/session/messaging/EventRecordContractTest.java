package dev.sukha.session.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import dev.sukha.session.domain.EventType;
import dev.sukha.session.domain.PracticeEvent;
import dev.sukha.session.domain.RoutineVersions;
import dev.sukha.session.domain.SessionContext;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Every record shape session-service writes holds to its published schema. */
class EventRecordContractTest {

    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private final SessionContext session = new SessionContext("ana", "upper-back-release", 1, 9, "Europe/Paris",
            java.time.OffsetDateTime.parse("2026-11-25T07:30:00+01:00"));

    private void assertValid(PracticeEvent e) throws Exception {
        assertValid(EventRecord.of(e, session, Instant.parse("2026-11-25T10:00:00Z")));
    }

    private void assertValid(EventRecord record) throws Exception {
        String value = json.writeValueAsString(record);
        assertThat(schema().validate(json.readTree(value))).as(value).isEmpty();
    }

    private static com.networknt.schema.JsonSchema schema() {
        return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(
                EventRecordContractTest.class.getClassLoader().getResourceAsStream("schemas/practice-event.v1.json"),
                SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build());
    }

    @Test
    void aStartAtAWholeMinuteKeepsItsSecondsAndOffset() throws Exception {
        // OffsetDateTime.toString() would print 08:00+01:00, which is not RFC 3339.
        OffsetDateTime at = OffsetDateTime.parse("2026-11-25T08:00:00+01:00");
        assertValid(new PracticeEvent(UUID.randomUUID(), EventType.SESSION_STARTED, UUID.randomUUID(), at,
                "upper-back-release", null, "Europe/Paris", null, Map.of("neck", 4)));
        assertThat(EventRecord.of(new PracticeEvent(UUID.randomUUID(), EventType.SESSION_STARTED, UUID.randomUUID(), at,
                "r", null, "UTC", null, null), session, Instant.EPOCH).occurredAt()).isEqualTo("2026-11-25T08:00:00+01:00");
    }

    @Test
    void poseAndEndRecordsHoldToTheSchema() throws Exception {
        OffsetDateTime at = OffsetDateTime.parse("2026-11-25T08:03:17.250-05:00");
        PracticeEvent skipped = new PracticeEvent(UUID.randomUUID(), EventType.POSE_SKIPPED, UUID.randomUUID(), at, null, null,
                null, 3, null);
        assertValid(skipped);
        // Every record says when its session started, as the start was sent: its week follows from it.
        assertThat(EventRecord.of(skipped, session, Instant.EPOCH).sessionStartedAt()).isEqualTo("2026-11-25T07:30:00+01:00");
        assertValid(new PracticeEvent(UUID.randomUUID(), EventType.SESSION_ABANDONED, UUID.randomUUID(), at, null, null, null, null,
                Map.of("upper_back", 0, "jaw", 10)));
    }

    @Test
    void aRatedPoseCarriesItsStepsPoseSideAndGentlerOption() throws Exception {
        OffsetDateTime at = OffsetDateTime.parse("2026-11-25T07:33:00+01:00");
        RoutineVersions.StepInfo step = new RoutineVersions.StepInfo("thread-the-needle", "left", "Rest the shoulder on a cushion");
        PracticeEvent completed = new PracticeEvent(UUID.randomUUID(), EventType.POSE_COMPLETED, UUID.randomUUID(), at,
                null, null, null, 4, null, 6, null);
        EventRecord record = EventRecord.of(completed, session, step, Instant.EPOCH);
        assertValid(record);
        assertThat(record.pose()).isEqualTo("thread-the-needle");
        assertThat(record.side()).isEqualTo("left");
        assertThat(record.discomfort()).isEqualTo(6);
        PracticeEvent skipped = new PracticeEvent(UUID.randomUUID(), EventType.POSE_SKIPPED, UUID.randomUUID(), at,
                null, null, null, 4, null, null, "pain");
        assertValid(EventRecord.of(skipped, session, new RoutineVersions.StepInfo("cat-cow", "none", null), Instant.EPOCH));
    }

    @Test
    void theSchemaRefusesARatingOrReasonOnTheWrongEventAndPoseFieldsOnSessionEvents() throws Exception {
        OffsetDateTime at = OffsetDateTime.parse("2026-11-25T07:33:00+01:00");
        var skippedWithRating = json.readTree(json.writeValueAsString(EventRecord.of(new PracticeEvent(UUID.randomUUID(),
                EventType.POSE_SKIPPED, UUID.randomUUID(), at, null, null, null, 4, null, 5, null), session, Instant.EPOCH)));
        assertThat(schema().validate(skippedWithRating)).isNotEmpty();
        var completedWithReason = json.readTree(json.writeValueAsString(EventRecord.of(new PracticeEvent(UUID.randomUUID(),
                EventType.POSE_COMPLETED, UUID.randomUUID(), at, null, null, null, 4, null, null, "pain"), session, Instant.EPOCH)));
        assertThat(schema().validate(completedWithReason)).isNotEmpty();
        var endWithPose = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(json.writeValueAsString(EventRecord.of(
                new PracticeEvent(UUID.randomUUID(), EventType.SESSION_COMPLETED, UUID.randomUUID(), at, null, null, null, null,
                        null), session, Instant.EPOCH)));
        assertThat(schema().validate(endWithPose)).isEmpty();
        endWithPose.put("pose", "cat-cow");
        assertThat(schema().validate(endWithPose)).isNotEmpty();
    }
}
