package dev.sukha.session.usecase;

import dev.sukha.session.domain.FieldError;
import dev.sukha.session.domain.PracticeEvent;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class EventParserTest {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private final ObjectMapper json = new ObjectMapper();

    private ObjectNode start() {
        ObjectNode e = json.createObjectNode();
        e.put("eventId", UUID.randomUUID().toString());
        e.put("type", "SESSION_STARTED");
        e.put("sessionId", UUID.randomUUID().toString());
        e.put("occurredAt", "2026-11-25T13:00:00+01:00");
        e.put("routineId", "upper-back-release");
        e.put("zone", "Europe/Paris");
        e.putObject("pain").put("upper_back", 6);
        return e;
    }

    private List<FieldError> errorsOf(ObjectNode node) {
        List<FieldError> errors = new ArrayList<>();
        PracticeEvent event = EventParser.parse(3, node, CLOCK, errors);
        assertThat(event == null).isEqualTo(!errors.isEmpty());
        return errors;
    }

    @Test
    void aValidStartParsesWithItsOffsetKept() {
        List<FieldError> errors = new ArrayList<>();
        PracticeEvent e = EventParser.parse(0, start(), CLOCK, errors);
        assertThat(errors).isEmpty();
        assertThat(e.occurredAt().getOffset()).isEqualTo(ZoneOffset.ofHours(1));
        assertThat(e.pain()).isEqualTo(Map.of("upper_back", 6));
        assertThat(e.routineVersion()).isNull();
    }

    @Test
    void everyErrorCarriesTheIndexAndField() {
        ObjectNode e = start();
        e.put("eventId", "not-a-uuid");
        e.put("zone", "Mars/Olympus");
        e.putObject("pain").put("elbow", 3).put("neck", 11);
        assertThat(errorsOf(e)).extracting(FieldError::index).containsOnly(3);
        assertThat(errorsOf(e)).extracting(FieldError::field)
                .containsExactlyInAnyOrder("eventId", "zone", "pain.elbow", "pain.neck");
    }

    @Test
    void unknownTypeIsRefused() {
        ObjectNode e = start();
        e.put("type", "SESSION_PAUSED");
        assertThat(errorsOf(e)).extracting(FieldError::field).contains("type");
    }

    @Test
    void timeWindowIsFiveMinutesAheadAndSixtyDaysBack() {
        ObjectNode e = start();
        e.put("occurredAt", "2026-11-25T12:05:00Z");
        assertThat(errorsOf(e)).isEmpty();
        e.put("occurredAt", "2026-11-25T12:05:01Z");
        assertThat(errorsOf(e)).extracting(FieldError::message).containsExactly("is more than 5 minutes in the future");
        e.put("occurredAt", "2026-09-26T12:00:00Z");
        assertThat(errorsOf(e)).isEmpty();
        e.put("occurredAt", "2026-09-26T11:59:59Z");
        assertThat(errorsOf(e)).extracting(FieldError::message).containsExactly("is more than 60 days old");
    }

    @Test
    void anInstantWithoutOffsetIsRefused() {
        ObjectNode e = start();
        e.put("occurredAt", "2026-11-25T12:00:00");
        assertThat(errorsOf(e)).extracting(FieldError::field).containsExactly("occurredAt");
    }

    @Test
    void poseEventsNeedAStepAndCarryNoPain() {
        ObjectNode e = json.createObjectNode();
        e.put("eventId", UUID.randomUUID().toString());
        e.put("type", "POSE_COMPLETED");
        e.put("sessionId", UUID.randomUUID().toString());
        e.put("occurredAt", "2026-11-25T11:00:00Z");
        e.putObject("pain").put("neck", 2);
        assertThat(errorsOf(e)).extracting(FieldError::field).containsExactlyInAnyOrder("step", "pain");
        e.remove("pain");
        e.put("step", -1);
        assertThat(errorsOf(e)).extracting(FieldError::field).containsExactly("step");
        e.put("step", 2);
        assertThat(errorsOf(e)).isEmpty();
    }

    @Test
    void painBoundsAreInclusive() {
        ObjectNode e = start();
        e.putObject("pain").put("neck", 0).put("jaw", 10);
        assertThat(errorsOf(e)).isEmpty();
        e.putObject("pain").put("neck", 2.5);
        assertThat(errorsOf(e)).extracting(FieldError::field).containsExactly("pain.neck");
    }

    @Test
    void aStartNeedsRoutineAndZone() {
        ObjectNode e = start();
        e.remove("routineId");
        e.remove("zone");
        assertThat(errorsOf(e)).extracting(FieldError::field).containsExactlyInAnyOrder("routineId", "zone");
    }

    @Test
    void unknownFieldsAreNamed() {
        ObjectNode e = start();
        e.put("mood", "great");
        assertThat(errorsOf(e)).extracting(FieldError::field).containsExactly("mood");
    }

    @Test
    void notAnObjectIsOneError() {
        List<FieldError> errors = new ArrayList<>();
        assertThat(EventParser.parse(7, json.getNodeFactory().textNode("hi"), CLOCK, errors)).isNull();
        assertThat(errors).containsExactly(new FieldError(7, "", "must be a JSON object"));
    }

    @Test
    void fingerprintDiffersWhenAnyFieldDiffers() {
        List<FieldError> errors = new ArrayList<>();
        ObjectNode node = start();
        PracticeEvent a = EventParser.parse(0, node, CLOCK, errors);
        node.putObject("pain").put("upper_back", 5);
        PracticeEvent b = EventParser.parse(0, node, CLOCK, errors);
        assertThat(a.fingerprint()).isNotEqualTo(b.fingerprint());
        assertThat(a.fingerprint()).isEqualTo(EventParser.parse(0, start().put("eventId", a.eventId().toString())
                .put("sessionId", a.sessionId().toString()), CLOCK, errors).fingerprint());
    }

    private ObjectNode pose(String type) {
        ObjectNode e = json.createObjectNode();
        e.put("eventId", UUID.randomUUID().toString());
        e.put("type", type);
        e.put("sessionId", UUID.randomUUID().toString());
        e.put("occurredAt", "2026-11-25T13:02:00+01:00");
        e.put("step", 2);
        return e;
    }

    @Test
    void aCompletedPoseMayCarryItsDiscomfort0To10() {
        ObjectNode e = pose("POSE_COMPLETED");
        e.put("discomfort", 0);
        assertThat(errorsOf(e)).isEmpty();
        e.put("discomfort", 10);
        List<FieldError> errors = new ArrayList<>();
        assertThat(EventParser.parse(0, e, CLOCK, errors).discomfort()).isEqualTo(10);
        e.put("discomfort", 11);
        assertThat(errorsOf(e)).extracting(FieldError::field).containsExactly("discomfort");
        e.put("discomfort", -1);
        assertThat(errorsOf(e)).extracting(FieldError::field).containsExactly("discomfort");
        e.put("discomfort", "7");
        assertThat(errorsOf(e)).extracting(FieldError::field).containsExactly("discomfort");
        e.put("discomfort", 2.5);
        assertThat(errorsOf(e)).extracting(FieldError::field).containsExactly("discomfort");
    }

    @Test
    void aSkippedPoseMayCarryOneOfTheFourReasons() {
        ObjectNode e = pose("POSE_SKIPPED");
        for (String reason : List.of("pain", "too_hard", "no_time", "other")) {
            e.put("reason", reason);
            List<FieldError> errors = new ArrayList<>();
            assertThat(EventParser.parse(0, e, CLOCK, errors).reason()).isEqualTo(reason);
            assertThat(errors).isEmpty();
        }
        e.put("reason", "PAIN");
        assertThat(errorsOf(e)).singleElement().satisfies(err -> {
            assertThat(err.field()).isEqualTo("reason");
            assertThat(err.message()).contains("pain", "too_hard", "no_time", "other");
        });
        e.put("reason", 3);
        assertThat(errorsOf(e)).extracting(FieldError::field).containsExactly("reason");
    }

    @Test
    void discomfortAndReasonBelongOnlyToTheirOwnEvent() {
        ObjectNode skipped = pose("POSE_SKIPPED");
        skipped.put("discomfort", 4);
        assertThat(errorsOf(skipped)).extracting(FieldError::field).containsExactly("discomfort");
        ObjectNode completed = pose("POSE_COMPLETED");
        completed.put("reason", "pain");
        assertThat(errorsOf(completed)).extracting(FieldError::field).containsExactly("reason");
        ObjectNode started = start();
        started.put("discomfort", 4);
        started.put("reason", "pain");
        assertThat(errorsOf(started)).extracting(FieldError::field).containsExactlyInAnyOrder("discomfort", "reason");
    }

    @Test
    void aRatingIsPartOfTheEventsFingerprintButOlderEventsKeepTheirs() {
        List<FieldError> errors = new ArrayList<>();
        ObjectNode e = pose("POSE_COMPLETED");
        String without = EventParser.parse(0, e, CLOCK, errors).fingerprint();
        e.put("discomfort", 3);
        String with = EventParser.parse(0, e, CLOCK, errors).fingerprint();
        assertThat(with).isNotEqualTo(without).startsWith(without);
        assertThat(without).doesNotContain("discomfort").doesNotContain("reason");
    }
}
