package dev.sukha.session.domain;

import java.time.OffsetDateTime;

/**
 * The facts of a session that every recorded event of it carries, so each record stands
 * alone: whose it is, the routine version and its step count, the zone, and when it started
 * (its start's {@code occurredAt}, which gives every event the week its session belongs to).
 */
public record SessionContext(String userId, String routineId, int routineVersion, int stepCount, String zone,
                             OffsetDateTime startedAt) {
}
