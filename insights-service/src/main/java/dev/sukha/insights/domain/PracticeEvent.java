package dev.sukha.insights.domain;

import java.time.OffsetDateTime;
import java.util.Map;

/**
 * One recorded practice event, as insights keeps it. Every event carries its session's
 * routine version, step count and zone, and when its session started (session-service puts
 * them on each record), so a session's facts can be put together from its events in any
 * order, and each event knows the week its session belongs to.
 *
 * @param sessionStartedAt when the session started, as the record says; null on records written
 *                         before session-service carried it (then only the start itself knows)
 * @param feel             on a completed or skipped pose: its step's pose and side, and the rating or
 *                         skip reason sent; null when the record does not say which pose the step was
 */
public record PracticeEvent(String eventId, String sessionId, EventType type, OffsetDateTime occurredAt,
                            String routineId, int routineVersion, int stepCount, String zone, Integer step,
                            Map<String, Integer> pain, OffsetDateTime sessionStartedAt, StepFeel feel) {

    public PracticeEvent {
        pain = pain == null ? null : Map.copyOf(pain);
    }

    /** An event without a step's pose (a session event, or a record written before records carried it). */
    public PracticeEvent(String eventId, String sessionId, EventType type, OffsetDateTime occurredAt, String routineId,
                         int routineVersion, int stepCount, String zone, Integer step, Map<String, Integer> pain,
                         OffsetDateTime sessionStartedAt) {
        this(eventId, sessionId, type, occurredAt, routineId, routineVersion, stepCount, zone, step, pain,
                sessionStartedAt, null);
    }

    /** An event as records written before {@code sessionStartedAt} have it. */
    public PracticeEvent(String eventId, String sessionId, EventType type, OffsetDateTime occurredAt, String routineId,
                         int routineVersion, int stepCount, String zone, Integer step, Map<String, Integer> pain) {
        this(eventId, sessionId, type, occurredAt, routineId, routineVersion, stepCount, zone, step, pain, null);
    }

    /** Whether the event itself says when its session started (every record session-service writes now does). */
    public boolean knowsSessionStart() {
        return sessionStartedAt != null;
    }

    /** The ISO week of the session's local date, when this event knows when its session started. */
    public java.util.Optional<IsoWeek> sessionWeek() {
        OffsetDateTime start = type == EventType.SESSION_STARTED ? occurredAt : sessionStartedAt;
        return start == null ? java.util.Optional.empty()
                : java.util.Optional.of(IsoWeek.of(start.atZoneSameInstant(java.time.ZoneId.of(zone)).toLocalDate()));
    }
}
