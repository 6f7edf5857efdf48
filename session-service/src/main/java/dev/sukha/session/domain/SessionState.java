package dev.sukha.session.domain;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * What is recorded of a session: whose it is, its routine version, when it started, and its
 * start and end events. {@code endEventId} may be only claimed by a request still under way
 * or one that failed; {@code endRecorded} says the broker acknowledged it. {@code recorded}
 * says its start is on Kafka.
 */
public record SessionState(UUID sessionId, String owner, String routineId, int routineVersion, int stepCount,
                           String zone, OffsetDateTime startedAt, UUID startEventId, UUID endEventId, String endType,
                           String endedAt, boolean recorded, boolean endRecorded, List<String> eventIds) {

    /** The most events one session may hold: no practice needs more, and the record stays bounded. */
    public static final int MAX_EVENTS = 1000;

    public SessionState {
        eventIds = eventIds == null ? List.of() : List.copyOf(eventIds);
    }

    /** A session as the rules see it, with nothing recorded after the claims. */
    public SessionState(UUID sessionId, String owner, String routineId, int routineVersion, int stepCount, String zone,
                        UUID startEventId, UUID endEventId, boolean endRecorded) {
        this(sessionId, owner, routineId, routineVersion, stepCount, zone, null, startEventId, endEventId, null, null,
                true, endRecorded, List.of());
    }

    /** True when an end other than {@code eventId} is recorded: nothing more may follow. */
    public boolean endedBefore(UUID eventId) {
        return endRecorded && endEventId != null && !endEventId.equals(eventId);
    }

    public SessionContext context() {
        return new SessionContext(owner, routineId, routineVersion, stepCount, zone, startedAt);
    }
}
