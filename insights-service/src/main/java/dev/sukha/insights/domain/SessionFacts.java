package dev.sukha.insights.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Map;
import java.util.Set;

/**
 * What is known of one session, merged from its events in whatever order they came.
 * A session without its start yet ({@code startedAt == null}) counts for nothing.
 *
 * @param end {@code SESSION_COMPLETED}, {@code SESSION_ABANDONED} or null
 */
public record SessionFacts(String sessionId, String routineId, int stepCount, String zone,
                           OffsetDateTime startedAt, String end, OffsetDateTime endedAt,
                           Map<String, Integer> painBefore, Map<String, Integer> painAfter,
                           Set<Integer> completedSteps) {

    public static final String COMPLETED = "SESSION_COMPLETED";
    public static final String ABANDONED = "SESSION_ABANDONED";

    public SessionFacts {
        painBefore = painBefore == null ? Map.of() : Map.copyOf(painBefore);
        painAfter = painAfter == null ? Map.of() : Map.copyOf(painAfter);
        completedSteps = completedSteps == null ? Set.of() : Set.copyOf(completedSteps);
    }

    public boolean started() {
        return startedAt != null && zone != null;
    }

    public Instant startInstant() {
        return startedAt.toInstant();
    }

    /** The local date of a session: the date of its start in its own zone. */
    public LocalDate localDate() {
        return startedAt.atZoneSameInstant(ZoneId.of(zone)).toLocalDate();
    }
}
