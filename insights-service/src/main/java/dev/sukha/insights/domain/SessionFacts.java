package dev.sukha.insights.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Collection;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What is known of one session, put together from its events in whatever order they came.
 * A session without its start yet ({@code startedAt == null}) counts for nothing.
 *
 * @param end   {@code SESSION_COMPLETED}, {@code SESSION_ABANDONED} or null
 * @param feels by step: what its completion or skip said of its pose (steps whose records named the pose)
 */
public record SessionFacts(String sessionId, String routineId, int routineVersion, int stepCount, String zone,
                           OffsetDateTime startedAt, String end, OffsetDateTime endedAt,
                           Map<String, Integer> painBefore, Map<String, Integer> painAfter,
                           Set<Integer> completedSteps, Set<Integer> skippedSteps, Map<Integer, StepFeel> feels) {

    public static final String COMPLETED = "SESSION_COMPLETED";
    public static final String ABANDONED = "SESSION_ABANDONED";

    public SessionFacts {
        painBefore = painBefore == null ? Map.of() : Map.copyOf(painBefore);
        painAfter = painAfter == null ? Map.of() : Map.copyOf(painAfter);
        completedSteps = completedSteps == null ? Set.of() : Set.copyOf(completedSteps);
        skippedSteps = skippedSteps == null ? Set.of() : Set.copyOf(skippedSteps);
        feels = feels == null ? Map.of() : Map.copyOf(feels);
    }

    /** Facts without any step's pose. */
    public SessionFacts(String sessionId, String routineId, int routineVersion, int stepCount, String zone,
                        OffsetDateTime startedAt, String end, OffsetDateTime endedAt, Map<String, Integer> painBefore,
                        Map<String, Integer> painAfter, Set<Integer> completedSteps, Set<Integer> skippedSteps) {
        this(sessionId, routineId, routineVersion, stepCount, zone, startedAt, end, endedAt, painBefore, painAfter,
                completedSteps, skippedSteps, null);
    }

    /** The facts of a session from its events, in any order and with any repeats. */
    public static SessionFacts of(String sessionId, Collection<PracticeEvent> events) {
        // session-service records one start and one end per session; should a stream ever hold two,
        // the one with the smaller event id is taken, so the answer never depends on arrival order.
        Comparator<PracticeEvent> byId = Comparator.comparing(PracticeEvent::eventId);
        Optional<PracticeEvent> start = events.stream().filter(e -> e.type() == EventType.SESSION_STARTED).min(byId);
        Optional<PracticeEvent> end = events.stream().filter(e -> e.type().isEnd()).min(byId);
        PracticeEvent about = start.orElseGet(() -> events.stream().min(byId).orElseThrow());
        Set<Integer> completed = new TreeSet<>();
        Set<Integer> skipped = new TreeSet<>();
        // A step completed or skipped twice (a client's mistake) says how it felt by its smaller event id.
        Map<Integer, PracticeEvent> feltBy = new TreeMap<>();
        for (PracticeEvent e : events) {
            if (e.type() == EventType.POSE_COMPLETED) {
                completed.add(e.step());
            } else if (e.type() == EventType.POSE_SKIPPED) {
                skipped.add(e.step());
            }
            if (e.feel() != null) {
                feltBy.merge(e.step(), e, (a, b) -> byId.compare(a, b) <= 0 ? a : b);
            }
        }
        Map<Integer, StepFeel> feels = new TreeMap<>();
        feltBy.forEach((step, e) -> feels.put(step, e.feel()));
        return new SessionFacts(sessionId, about.routineId(), about.routineVersion(), about.stepCount(), about.zone(),
                start.map(PracticeEvent::occurredAt).orElse(null), end.map(e -> e.type().name()).orElse(null),
                end.map(PracticeEvent::occurredAt).orElse(null), start.map(PracticeEvent::pain).orElse(null),
                end.map(PracticeEvent::pain).orElse(null), completed, skipped, feels);
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

    /** Sessions in time order; the session id breaks ties, so the order never depends on the store's. */
    public static final Comparator<SessionFacts> BY_START =
            Comparator.comparing(SessionFacts::startInstant).thenComparing(SessionFacts::sessionId);
}
