package dev.sukha.insights.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sukha.insights.domain.EventType;
import dev.sukha.insights.domain.PracticeEvent;
import dev.sukha.insights.domain.Rfc3339;
import dev.sukha.insights.domain.StepFeel;

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
 * not hold to session-service's schema ({@code practice-event.v1.json}), or that no
 * routine could produce (more steps than a routine may have, a date outside any
 * plausible practice), is a poison record, with the reason.
 */
public record PracticeRecord(String eventId, String userId, String sessionId, String type, OffsetDateTime occurredAt,
                             String routineId, int routineVersion, int stepCount, String zone, Integer step,
                             Map<String, Integer> pain, OffsetDateTime sessionStartedAt, StepFeel feel) {

    static final Set<String> TYPES = java.util.Arrays.stream(EventType.values()).map(Enum::name)
            .collect(java.util.stream.Collectors.toUnmodifiableSet());
    /** routine-service's limit on a routine's steps. */
    static final int MAX_STEPS = 200;
    static final int MAX_USER_ID = 256;
    /** Zones already read once (a few hundred exist): {@code ZoneId.of} parses its text on every call. */
    private static final Set<String> KNOWN_ZONES = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /** The IANA regions are ~600; beyond this, a zone is checked on every record rather than remembered. */
    static final int MAX_KNOWN_ZONES = 1000;

    /** How many zones are remembered as checked (tests). */
    static int knownZones() {
        return KNOWN_ZONES.size();
    }
    static final List<String> AREAS = dev.sukha.insights.domain.BodyArea.WIRE;
    /** The schema's words for a step's side and a skip's reason. */
    public static final List<String> SIDES = List.of("left", "right", "both", "none");
    public static final List<String> REASONS = List.of("pain", "too_hard", "no_time", "other");
    /** routine-service's limit on an option's label. */
    static final int MAX_LABEL = 200;

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
        if (userId.length() > MAX_USER_ID) {
            throw new Poison("userId longer than " + MAX_USER_ID + " characters");
        }
        if (!userId.equals(key)) {
            throw new Poison("record key '" + key + "' is not the userId");
        }
        String type = text(node, "type");
        if (!TYPES.contains(type)) {
            throw new Poison("unknown type " + type);
        }
        OffsetDateTime occurredAt;
        try {
            occurredAt = Rfc3339.parse(text(node, "occurredAt"));
        } catch (DateTimeParseException e) {
            throw new Poison("occurredAt is not an RFC 3339 date-time");
        }
        if (occurredAt.getYear() < 2000 || occurredAt.getYear() > 2200) {
            throw new Poison("occurredAt " + occurredAt + " is outside 2000..2200");
        }
        String zone = text(node, "zone");
        if (!KNOWN_ZONES.contains(zone)) {
            try {
                ZoneId.of(zone);
            } catch (RuntimeException e) {
                throw new Poison("unknown zone " + zone);
            }
            if (KNOWN_ZONES.size() < MAX_KNOWN_ZONES) { // offsets such as "UTC+05:30" are zones too
                KNOWN_ZONES.add(zone);
            }
        }
        int version = positive(node, "routineVersion");
        int stepCount = positive(node, "stepCount");
        if (stepCount > MAX_STEPS) {
            throw new Poison("stepCount " + stepCount + " is more than a routine may have (" + MAX_STEPS + ")");
        }
        String routineId = text(node, "routineId");
        if (routineId.length() > 80 || !isSlug(routineId)) {
            throw new Poison("routineId is not a routine slug");
        }
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
        OffsetDateTime sessionStartedAt = null;
        JsonNode started = node.get("sessionStartedAt");
        if (started != null && !started.isNull()) {
            try {
                sessionStartedAt = Rfc3339.parse(started.asText());
            } catch (DateTimeParseException e) {
                throw new Poison("sessionStartedAt is not an RFC 3339 date-time");
            }
            if (type.equals("SESSION_STARTED") && !sessionStartedAt.isEqual(occurredAt)) {
                throw new Poison("sessionStartedAt of a SESSION_STARTED is not its occurredAt");
            }
        }
        return new PracticeRecord(eventId, userId, sessionId, type, occurredAt, routineId, version,
                stepCount, zone, step, pain, sessionStartedAt, feel(node, type));
    }

    /**
     * What a completed or skipped pose says of its pose: null for other events, and for pose
     * events whose record does not name the pose (written before records carried it, or of a
     * routine version session-service knew no steps of): their rating cannot be placed.
     */
    private static StepFeel feel(JsonNode node, String type) throws Poison {
        boolean poseEvent = type.startsWith("POSE_");
        String pose = optionalText(node, "pose", poseEvent);
        String side = optionalText(node, "side", poseEvent);
        String gentler = optionalText(node, "gentler", poseEvent);
        if (pose != null && (pose.length() > 80 || !isSlug(pose))) {
            throw new Poison("pose is not a pose slug");
        }
        if (side != null && !SIDES.contains(side)) {
            throw new Poison("side is not one of " + SIDES);
        }
        if ((pose == null) != (side == null)) {
            throw new Poison("pose and side come together");
        }
        if (gentler != null && gentler.length() > MAX_LABEL) {
            throw new Poison("gentler longer than " + MAX_LABEL + " characters");
        }
        Integer discomfort = null;
        JsonNode d = node.get("discomfort");
        if (d != null && !d.isNull()) {
            if (!type.equals("POSE_COMPLETED") || !d.isInt() || d.asInt() < 0 || d.asInt() > 10) {
                throw new Poison("discomfort is a rating 0..10 on POSE_COMPLETED only");
            }
            discomfort = d.asInt();
        }
        String reason = optionalText(node, "reason", type.equals("POSE_SKIPPED"));
        if (reason != null && !REASONS.contains(reason)) {
            throw new Poison("reason is not one of " + REASONS);
        }
        boolean felt = type.equals("POSE_COMPLETED") || type.equals("POSE_SKIPPED");
        return felt && pose != null ? new StepFeel(pose, side, gentler, discomfort, reason) : null;
    }

    /**
     * {@code [a-z0-9]+(-[a-z0-9]+)*}, checked without a regex: two slugs a record, and the
     * pattern's repeated group allocated on every match.
     */
    static boolean isSlug(String s) {
        if (s.isEmpty() || s.charAt(0) == '-' || s.charAt(s.length() - 1) == '-') {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c == '-' && s.charAt(i - 1) != '-');
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static String optionalText(JsonNode node, String field, boolean allowed) throws Poison {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!allowed) {
            throw new Poison(field + " does not belong on a " + node.path("type").asText());
        }
        if (!v.isTextual() || v.asText().isBlank()) {
            throw new Poison(field + " is not a string");
        }
        return v.asText();
    }

    /** The event as the projection keeps it. */
    public PracticeEvent event() {
        return new PracticeEvent(eventId, sessionId, EventType.valueOf(type), occurredAt, routineId, routineVersion,
                stepCount, zone, step, pain, sessionStartedAt, feel);
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
