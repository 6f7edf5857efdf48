package dev.sukha.session.domain;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * One event as the client sent it, parsed and shape-checked. {@code routineVersion}
 * is what the client asked for (null: the latest); the recorded event carries the
 * resolved version.
 */
public record PracticeEvent(UUID eventId, EventType type, UUID sessionId, OffsetDateTime occurredAt,
                            String routineId, Integer routineVersion, String zone, Integer step,
                            Map<String, Integer> pain, Integer discomfort, String reason) {

    public PracticeEvent {
        pain = pain == null ? null : Map.copyOf(new TreeMap<>(pain));
    }

    /** An event without a pose rating or skip reason. */
    public PracticeEvent(UUID eventId, EventType type, UUID sessionId, OffsetDateTime occurredAt, String routineId,
                         Integer routineVersion, String zone, Integer step, Map<String, Integer> pain) {
        this(eventId, type, sessionId, occurredAt, routineId, routineVersion, zone, step, pain, null, null);
    }

    public PracticeEvent withRoutineVersion(Integer version) {
        return new PracticeEvent(eventId, type, sessionId, occurredAt, routineId, version, zone, step, pain, discomfort, reason);
    }

    /**
     * The content that makes two sends "the same event": every field, with the
     * instant and offset as sent. Resending it is a duplicate; the same id with any
     * other content is a client bug.
     */
    public String fingerprint() {
        return String.join("|", eventId.toString(), type.name(), sessionId.toString(), occurredAt.toString(),
                String.valueOf(routineId), String.valueOf(routineVersion), String.valueOf(zone),
                String.valueOf(step), pain == null ? "null" : new TreeMap<>(pain).toString())
                // Added later: absent from the fingerprints of events without them, which stay as they were.
                + (discomfort == null ? "" : "|discomfort=" + discomfort) + (reason == null ? "" : "|reason=" + reason);
    }
}
