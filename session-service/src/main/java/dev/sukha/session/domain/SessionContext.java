package dev.sukha.session.domain;

/** The facts of a session that every recorded event of it carries, so each record stands alone. */
public record SessionContext(String userId, String routineId, int routineVersion, int stepCount, String zone) {
}
