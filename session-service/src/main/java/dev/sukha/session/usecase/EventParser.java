package dev.sukha.session.usecase;

import dev.sukha.session.domain.EventType;
import dev.sukha.session.domain.FieldError;
import dev.sukha.session.domain.PainScale;
import dev.sukha.session.domain.PracticeEvent;
import dev.sukha.session.domain.SkipReason;
import com.fasterxml.jackson.databind.JsonNode;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Reads one event from JSON and checks everything that needs no stored state:
 * field types, the type's own fields, pain values, zone, and the time window.
 * Collects every error rather than stopping at the first.
 */
public final class EventParser {

    public static final Duration MAX_AGE = Duration.ofDays(60);
    public static final Duration MAX_AHEAD = Duration.ofMinutes(5);
    private static final Set<String> ZONES = ZoneId.getAvailableZoneIds();
    private static final Set<String> FIELDS = Set.of("eventId", "type", "sessionId", "occurredAt", "routineId",
            "routineVersion", "zone", "step", "pain", "discomfort", "reason");

    /** Unknown fields named one by one per event; beyond, one error counts the rest. */
    static final int MAX_UNKNOWN_LISTED = 20;

    private EventParser() {
    }

    /** The event, or null with the reasons added to {@code errors}. */
    public static PracticeEvent parse(int index, JsonNode node, Clock clock, List<FieldError> errors) {
        int before = errors.size();
        if (node == null || !node.isObject()) {
            errors.add(new FieldError(index, "", "must be a JSON object"));
            return null;
        }
        int unknown = 0;
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!FIELDS.contains(name) && unknown++ < MAX_UNKNOWN_LISTED) {
                errors.add(new FieldError(index, name, "unknown field"));
            }
        }
        if (unknown > MAX_UNKNOWN_LISTED) {
            errors.add(new FieldError(index, "", (unknown - MAX_UNKNOWN_LISTED) + " more unknown fields ("
                    + unknown + " in all; the first " + MAX_UNKNOWN_LISTED + " are named)"));
        }
        UUID eventId = uuid(index, node, "eventId", errors);
        UUID sessionId = uuid(index, node, "sessionId", errors);
        EventType type = null;
        String typeText = text(index, node, "type", true, errors);
        if (typeText != null) {
            try {
                type = EventType.valueOf(typeText);
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError(index, "type", "unknown type '" + typeText + "': use one of "
                        + List.of(EventType.values())));
            }
        }
        OffsetDateTime occurredAt = time(index, node, clock, errors);

        String routineId = null;
        Integer routineVersion = null;
        String zone = null;
        Integer step = null;
        Map<String, Integer> pain = null;
        Integer discomfort = null;
        String reason = null;
        if (type != null) {
            if (type == EventType.SESSION_STARTED) {
                routineId = text(index, node, "routineId", true, errors);
                routineVersion = integer(index, node, "routineVersion", false, 1, Integer.MAX_VALUE, errors);
                zone = text(index, node, "zone", true, errors);
                if (zone != null && !ZONES.contains(zone)) {
                    errors.add(new FieldError(index, "zone", "unknown IANA time zone '" + zone + "'"));
                }
            } else {
                notAllowed(index, node, type, errors, "routineId", "routineVersion", "zone");
            }
            if (type.isPose()) {
                step = integer(index, node, "step", true, 0, Integer.MAX_VALUE, errors);
            } else {
                notAllowed(index, node, type, errors, "step");
            }
            if (type.carriesPain()) {
                pain = pain(index, node, errors);
            } else {
                notAllowed(index, node, type, errors, "pain");
            }
            if (type == EventType.POSE_COMPLETED) {
                discomfort = integer(index, node, "discomfort", false, PainScale.MIN, PainScale.MAX, errors);
            } else {
                notAllowed(index, node, type, errors, "discomfort");
            }
            if (type == EventType.POSE_SKIPPED) {
                reason = text(index, node, "reason", false, errors);
                if (reason != null && !SkipReason.WIRE.contains(reason)) {
                    errors.add(new FieldError(index, "reason", "unknown reason '" + reason + "': use one of " + SkipReason.WIRE));
                }
            } else {
                notAllowed(index, node, type, errors, "reason");
            }
        }
        if (errors.size() > before) {
            return null;
        }
        return new PracticeEvent(eventId, type, sessionId, occurredAt, routineId, routineVersion, zone, step, pain,
                discomfort, reason);
    }

    private static void notAllowed(int index, JsonNode node, EventType type, List<FieldError> errors, String... fields) {
        for (String field : fields) {
            if (node.has(field) && !node.get(field).isNull()) {
                errors.add(new FieldError(index, field, "not allowed on " + type));
            }
        }
    }

    private static String text(int index, JsonNode node, String field, boolean required, List<FieldError> errors) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                errors.add(new FieldError(index, field, "is required"));
            }
            return null;
        }
        if (!value.isTextual() || value.asText().isBlank()) {
            errors.add(new FieldError(index, field, "must be a non-empty string"));
            return null;
        }
        if (value.asText().length() > 100) {
            errors.add(new FieldError(index, field, "must be at most 100 characters"));
            return null;
        }
        return value.asText();
    }

    private static UUID uuid(int index, JsonNode node, String field, List<FieldError> errors) {
        String text = text(index, node, field, true, errors);
        if (text == null) {
            return null;
        }
        try {
            UUID uuid = UUID.fromString(text);
            if (!uuid.toString().equalsIgnoreCase(text)) {
                throw new IllegalArgumentException();
            }
            return uuid;
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError(index, field, "must be a UUID"));
            return null;
        }
    }

    private static Integer integer(int index, JsonNode node, String field, boolean required, int min, int max,
                                   List<FieldError> errors) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                errors.add(new FieldError(index, field, "is required"));
            }
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt() || value.asInt() < min || value.asInt() > max) {
            errors.add(new FieldError(index, field, "must be a whole number from " + min
                    + (max == Integer.MAX_VALUE ? " up" : " to " + max)));
            return null;
        }
        return value.asInt();
    }

    private static OffsetDateTime time(int index, JsonNode node, Clock clock, List<FieldError> errors) {
        String text = text(index, node, "occurredAt", true, errors);
        if (text == null) {
            return null;
        }
        OffsetDateTime at;
        try {
            at = OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(index, "occurredAt", "must be an RFC 3339 date-time with an offset, e.g. 2026-11-25T07:30:00+01:00"));
            return null;
        }
        Instant now = clock.instant();
        if (at.toInstant().isAfter(now.plus(MAX_AHEAD))) {
            errors.add(new FieldError(index, "occurredAt", "is more than 5 minutes in the future"));
            return null;
        }
        if (at.toInstant().isBefore(now.minus(MAX_AGE))) {
            errors.add(new FieldError(index, "occurredAt", "is more than 60 days old"));
            return null;
        }
        return at;
    }

    private static Map<String, Integer> pain(int index, JsonNode node, List<FieldError> errors) {
        JsonNode value = node.get("pain");
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isObject()) {
            errors.add(new FieldError(index, "pain", "must be an object of body area to a 0..10 rating"));
            return null;
        }
        Map<String, Integer> pain = new LinkedHashMap<>();
        List<FieldError> painErrors = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String area = entry.getKey();
            JsonNode rating = entry.getValue();
            if (!PainScale.AREAS.contains(area)) {
                painErrors.add(new FieldError(index, "pain." + area, "unknown body area: use one of " + PainScale.AREAS));
            } else if (!rating.isIntegralNumber() || rating.asInt() < PainScale.MIN || rating.asInt() > PainScale.MAX) {
                painErrors.add(new FieldError(index, "pain." + area, "must be a whole number from 0 to 10"));
            } else {
                pain.put(area, rating.asInt());
            }
        }
        if (pain.isEmpty() && painErrors.isEmpty()) {
            painErrors.add(new FieldError(index, "pain", "must rate at least one area, or be left out"));
        }
        errors.addAll(painErrors);
        return painErrors.isEmpty() ? pain : null;
    }
}
