package dev.sukha.session.api;

import dev.sukha.stack.Topics;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;


/** Events and routines for the tests, shaped as the app and routine-service send them. */
final class Fixtures {

    static final String ROUTINE = "test-routine";

    private Fixtures() {
    }

    /** Announces a routine on the routines topic, as routine-service does, in the shape of its schema. */
    static void announceRoutine(KafkaCompanion kafka, String id, int version, int steps) {
        StringBuilder stepJson = new StringBuilder();
        for (int i = 0; i < steps; i++) {
            stepJson.append(i == 0 ? "" : ",").append("{\"pose\":\"cat-cow\",\"side\":\"none\",\"hold\":{\"breaths\":5}}");
        }
        StringBuilder versions = new StringBuilder();
        for (int v = 1; v <= version; v++) {
            versions.append(v == 1 ? "" : ",").append("{\"version\":").append(v).append(",\"stepCount\":").append(steps).append('}');
        }
        String value = """
                {"schemaVersion":1,"id":"%s","version":%d,"title":"Test","summary":"s","focus":["neck"],
                 "level":"gentle","space":["mat"],"minutes":3,"safety":[],"steps":[%s],
                 "publishedAt":"2026-11-01T10:00:00Z","versions":[%s]}""".formatted(id, version, stepJson, versions);
        Contracts.assertValid(Contracts.ROUTINE_RECORD, value);
        kafka.produceStrings().fromRecords(new ProducerRecord<>(Topics.ROUTINES, id, value)).awaitCompletion();
    }

    /**
     * Announces a routine of three steps whose version 1 is described step by step, as
     * routine-service does now: cat-cow (no side), then thread-the-needle left (with a gentler
     * option of its own) and right (whose gentler option, its pose's, only {@code versions} names).
     */
    static void announceSidedRoutine(KafkaCompanion kafka, String id) {
        String steps = """
                {"pose":"cat-cow","side":"none","hold":{"breaths":5}},
                {"pose":"thread-the-needle","side":"left","hold":{"breaths":5},
                 "options":[{"label":"Shoulder on a cushion","cue":"Let a cushion take the weight.","intensity":"gentler"}]},
                {"pose":"thread-the-needle","side":"right","hold":{"breaths":5}}""";
        String value = """
                {"schemaVersion":1,"id":"%s","version":1,"title":"Sided","summary":"s","focus":["upper_back"],
                 "level":"gentle","space":["mat"],"minutes":3,"safety":[],"steps":[%s],
                 "publishedAt":"2026-11-01T10:00:00Z",
                 "versions":[{"version":1,"stepCount":3,"steps":[{"pose":"cat-cow","side":"none"},
                   {"pose":"thread-the-needle","side":"left","gentler":"Shoulder on a cushion"},
                   {"pose":"thread-the-needle","side":"right","gentler":"Shoulder on a cushion"}]}],
                 "poses":[{"id":"cat-cow","name":"Cat-cow","areas":["upper_back"]},
                   {"id":"thread-the-needle","name":"Thread the needle","areas":["upper_back","shoulders"]}]}"""
                .formatted(id, steps);
        Contracts.assertValid(Contracts.ROUTINE_RECORD, value);
        kafka.produceStrings().fromRecords(new ProducerRecord<>(Topics.ROUTINES, id, value)).awaitCompletion();
    }

    static OffsetDateTime minutesAgo(long minutes) {
        return OffsetDateTime.now(ZoneOffset.ofHours(1)).minusMinutes(minutes).truncatedTo(ChronoUnit.SECONDS);
    }

    static Map<String, Object> start(UUID session, String routine, Integer version, String zone, OffsetDateTime at) {
        Map<String, Object> e = base("SESSION_STARTED", session, at);
        e.put("routineId", routine);
        if (version != null) {
            e.put("routineVersion", version);
        }
        e.put("zone", zone);
        e.put("pain", Map.of("upper_back", 6, "neck", 4));
        return e;
    }

    static Map<String, Object> pose(String type, UUID session, int step, OffsetDateTime at) {
        Map<String, Object> e = base(type, session, at);
        e.put("step", step);
        return e;
    }

    static Map<String, Object> end(String type, UUID session, OffsetDateTime at) {
        Map<String, Object> e = base(type, session, at);
        e.put("pain", Map.of("upper_back", 3, "neck", 2));
        return e;
    }

    /** A whole completed session: start, every step completed, end. */
    static List<Map<String, Object>> session(UUID session, int steps, OffsetDateTime at) {
        List<Map<String, Object>> events = new java.util.ArrayList<>();
        events.add(start(session, ROUTINE, null, "Europe/Paris", at));
        for (int i = 0; i < steps; i++) {
            events.add(pose("POSE_COMPLETED", session, i, at.plusMinutes(i + 1)));
        }
        events.add(end("SESSION_COMPLETED", session, at.plusMinutes(steps + 1)));
        return events;
    }

    private static Map<String, Object> base(String type, UUID session, OffsetDateTime at) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("eventId", UUID.randomUUID().toString());
        e.put("type", type);
        e.put("sessionId", session.toString());
        e.put("occurredAt", at.toString());
        return e;
    }
}
