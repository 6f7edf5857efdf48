package dev.sukha.session.messaging;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.sukha.session.domain.PracticeEvent;
import dev.sukha.session.domain.RoutineVersions;
import dev.sukha.session.domain.SessionContext;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/**
 * The value of a {@code practice-events} record, keyed by user id. Each record
 * carries its session's facts (routine version, step count, zone, when it started), and a pose
 * event its step's pose, side and gentler option, so a consumer can use it whatever order
 * records arrive in, without a view of the catalogue. Schema: {@code schemas/practice-event.v1.json}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EventRecord(int schemaVersion, String eventId, String userId, String sessionId, String type,
                          String occurredAt, Instant recordedAt, String sessionStartedAt, String routineId,
                          int routineVersion, int stepCount, String zone, Integer step, Map<String, Integer> pain,
                          String pose, String side, String gentler, Integer discomfort, String reason) {

    public static final int SCHEMA_VERSION = 1;
    /** Always with seconds: {@code OffsetDateTime.toString()} drops ":00", which RFC 3339 does not allow. */
    public static final DateTimeFormatter RFC_3339 = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

    public static EventRecord of(PracticeEvent e, SessionContext session, Instant recordedAt) {
        return of(e, session, null, recordedAt);
    }

    /** @param step the pose event's step in the routine version practised, when known */
    public static EventRecord of(PracticeEvent e, SessionContext session, RoutineVersions.StepInfo step, Instant recordedAt) {
        return new EventRecord(SCHEMA_VERSION, e.eventId().toString(), session.userId(), e.sessionId().toString(),
                e.type().name(), RFC_3339.format(e.occurredAt()), recordedAt,
                session.startedAt() == null ? null : RFC_3339.format(session.startedAt()), session.routineId(),
                session.routineVersion(), session.stepCount(), session.zone(), e.step(), e.pain(),
                step == null ? null : step.pose(), step == null ? null : step.side(), step == null ? null : step.gentler(),
                e.discomfort(), e.reason());
    }
}
