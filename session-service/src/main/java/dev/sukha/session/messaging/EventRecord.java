package dev.sukha.session.messaging;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.sukha.session.domain.PracticeEvent;
import dev.sukha.session.domain.SessionContext;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/**
 * The value of a {@code practice-events} record, keyed by user id. Each record
 * carries its session's facts (routine version, step count, zone, when it started), so a
 * consumer can use it whatever order records arrive in. Schema: {@code schemas/practice-event.v1.json}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EventRecord(int schemaVersion, String eventId, String userId, String sessionId, String type,
                          String occurredAt, Instant recordedAt, String sessionStartedAt, String routineId,
                          int routineVersion, int stepCount, String zone, Integer step, Map<String, Integer> pain) {

    public static final int SCHEMA_VERSION = 1;
    /** Always with seconds: {@code OffsetDateTime.toString()} drops ":00", which RFC 3339 does not allow. */
    public static final DateTimeFormatter RFC_3339 = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

    public static EventRecord of(PracticeEvent e, SessionContext session, Instant recordedAt) {
        return new EventRecord(SCHEMA_VERSION, e.eventId().toString(), session.userId(), e.sessionId().toString(),
                e.type().name(), RFC_3339.format(e.occurredAt()), recordedAt,
                session.startedAt() == null ? null : RFC_3339.format(session.startedAt()), session.routineId(),
                session.routineVersion(), session.stepCount(), session.zone(), e.step(), e.pain());
    }
}
