package dev.sukha.insights.messaging;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * A practice-events record as insights uses it, read defensively: anything that does
 * not hold to session-service's schema ({@code practice-event.v1.json}) is a poison
 * record, with the reason.
 */
public record PracticeRecord(String eventId, String userId, String sessionId, String type, OffsetDateTime occurredAt,
                             String routineId, int routineVersion, int stepCount, String zone, Integer step,
                             Map<String, Integer> pain) {

    static final Set<String> TYPES = Set.of("SESSION_STARTED", "POSE_STARTED", "POSE_COMPLETED", "POSE_SKIPPED",
            "SESSION_COMPLETED", "SESSION_ABANDONED");
    static final List<String> AREAS = List.of("neck", "shoulders", "upper_back", "mid_back", "lower_back", "hips",
            "knees", "feet", "wrists", "jaw", "chest", "tailbone");

    /** Why a record cannot be used. */
    public static class Poison extends Exception {
        public Poison(String reason) {
            super(reason, null, false, false);
        }
    }

    public static PracticeRecord read(String key, JsonNode node) throws Poison {
        if (node == null || !node.isObject()) {
            throw new Poison("value is not a JSON object");
        }
        if (node.path("schemaVersion").asInt(-1) != 1) {
            throw new Poison("unsupported schemaVersion " + node.path("schemaVersion"));
        }
        String eventId = uuid(node, "eventId");
        String sessionId = uuid(node, "sessionId");
        String userId = text(node, "userId");
        if (!userId.equals(key)) {
            throw new Poison("record key '" + key + "' is not the userId");
        }
        String type = text(node, "type");
        if (!TYPES.contains(type)) {
            throw new Poison("unknown type " + type);
        }
        OffsetDateTime occurredAt;
        try {
            occurredAt = OffsetDateTime.parse(text(node, "occurredAt"));
        } catch (DateTimeParseException e) {
            throw new Poison("occurredAt is not an RFC 3339 date-time");
        }
        String zone = text(node, "zone");
        try {
            ZoneId.of(zone);
        } catch (RuntimeException e) {
            throw new Poison("unknown zone " + zone);
        }
        int version = positive(node, "routineVersion");
        int stepCount = positive(node, "stepCount");
        Integer step = null;
        if (type.startsWith("POSE_")) {
            JsonNode s = node.get("step");
            if (s == null || !s.isInt() || s.asInt() < 0 || s.asInt() >= stepCount) {
                throw new Poison("step missing or outside 0.." + (stepCount - 1));
            }
            step = s.asInt();
        }
        Map<String, Integer> pain = null;
        JsonNode p = node.get("pain");
        if (p != null && !p.isNull()) {
            if (!p.isObject()) {
                throw new Poison("pain is not an object");
            }
            pain = new TreeMap<>();
            for (var it = p.fields(); it.hasNext(); ) {
                var e = it.next();
                if (!AREAS.contains(e.getKey()) || !e.getValue().isInt() || e.getValue().asInt() < 0 || e.getValue().asInt() > 10) {
                    throw new Poison("pain." + e.getKey() + " is not a known area rated 0..10");
                }
                pain.put(e.getKey(), e.getValue().asInt());
            }
        }
        return new PracticeRecord(eventId, userId, sessionId, type, occurredAt, text(node, "routineId"), version,
                stepCount, zone, step, pain);
    }

    private static String text(JsonNode node, String field) throws Poison {
        JsonNode v = node.get(field);
        if (v == null || !v.isTextual() || v.asText().isBlank()) {
            throw new Poison(field + " missing or not a string");
        }
        return v.asText();
    }

    private static String uuid(JsonNode node, String field) throws Poison {
        String text = text(node, field);
        try {
            return UUID.fromString(text).toString();
        } catch (IllegalArgumentException e) {
            throw new Poison(field + " is not a UUID");
        }
    }

    private static int positive(JsonNode node, String field) throws Poison {
        JsonNode v = node.get(field);
        if (v == null || !v.isInt() || v.asInt() < 1) {
            throw new Poison(field + " missing or not a positive integer");
        }
        return v.asInt();
    }
}
