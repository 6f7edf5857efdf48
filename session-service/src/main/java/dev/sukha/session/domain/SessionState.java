package dev.sukha.session.domain;

import java.util.UUID;

/**
 * What is recorded of a session: whose it is, its routine version, and its start and
 * end events. {@code endEventId} may be only claimed by a request still under way or
 * one that failed; {@code endRecorded} says the broker acknowledged it.
 */
public record SessionState(UUID sessionId, String owner, String routineId, int routineVersion, int stepCount,
                           String zone, UUID startEventId, UUID endEventId, boolean endRecorded) {

    /** True when an end other than {@code eventId} is recorded: nothing more may follow. */
    public boolean endedBefore(UUID eventId) {
        return endRecorded && endEventId != null && !endEventId.equals(eventId);
    }

    public SessionContext context() {
        return new SessionContext(owner, routineId, routineVersion, stepCount, zone);
    }
}
