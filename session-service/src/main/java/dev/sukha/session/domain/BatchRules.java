package dev.sukha.session.domain;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * The rules that need what is already recorded: idempotency, ownership, one start and
 * one end per session, nothing after a recorded end, known routine versions and step
 * ranges. The batch is judged whole; order inside it does not matter.
 */
public final class BatchRules {

    private BatchRules() {
    }

    /**
     * What is known before the batch: events recorded (acknowledged by the broker),
     * sessions (whose start or end may still be claimed by an unfinished request),
     * the routine view, and the ids of this batch that an earlier request already
     * claimed with the same content (judged valid then; Kafka has not acknowledged them
     * yet, so they are sent again, even after their session's end was recorded).
     */
    public record Known(Map<UUID, RecordedEvent> events, Map<UUID, SessionState> sessions,
                        Function<String, Optional<RoutineVersions>> routines, Set<UUID> claimed) {
        public Known(Map<UUID, RecordedEvent> events, Map<UUID, SessionState> sessions,
                     Function<String, Optional<RoutineVersions>> routines) {
            this(events, sessions, routines, Set.of());
        }
    }

    public enum Outcome { ACCEPTED, DUPLICATE }

    /**
     * Whether a resend is the recorded event: the same content, or its start sent again with the
     * routine version that leaving it out resolved to (what an export gives back: re-posting it is
     * a duplicate, not a conflict).
     */
    static boolean sameEvent(RecordedEvent recorded, PracticeEvent e, SessionState session) {
        if (recorded.sameContent(e.fingerprint())) {
            return true;
        }
        return e.type() == EventType.SESSION_STARTED && e.routineVersion() != null && session != null
                && e.eventId().equals(session.startEventId()) && session.routineVersion() == e.routineVersion()
                && recorded.sameContent(e.withRoutineVersion(null).fingerprint());
    }

    /** A verdict per event: new ones carry the session facts their record will hold. */
    public record Judged(int index, PracticeEvent event, Outcome outcome, SessionContext context) {
    }

    /** The whole batch's verdict: forbidden (403), invalid (errors), or every event judged. */
    public record Verdict(boolean forbidden, List<FieldError> errors, List<Judged> judged) {
        public boolean ok() {
            return !forbidden && errors.isEmpty();
        }
    }

    /**
     * @param events the parsed events by their index in the request (nulls were unparseable)
     */
    public static Verdict judge(String user, List<PracticeEvent> events, Known known) {
        List<FieldError> errors = new ArrayList<>();
        boolean forbidden = false;
        Map<Integer, Outcome> outcome = new HashMap<>();
        Map<UUID, PracticeEvent> firstById = new HashMap<>();

        // 1. Idempotency: recorded ids and repeats inside the batch.
        for (int i = 0; i < events.size(); i++) {
            PracticeEvent e = events.get(i);
            if (e == null) {
                continue;
            }
            RecordedEvent recorded = known.events().get(e.eventId());
            PracticeEvent earlier = firstById.putIfAbsent(e.eventId(), e);
            if (recorded != null) {
                if (recorded.userId().equals(user) && sameEvent(recorded, e, known.sessions().get(e.sessionId()))) {
                    outcome.put(i, Outcome.DUPLICATE);
                } else {
                    errors.add(new FieldError(i, "eventId", "already recorded with different content"));
                }
            } else if (earlier != null) {
                if (earlier.fingerprint().equals(e.fingerprint())) {
                    outcome.put(i, Outcome.DUPLICATE);
                } else {
                    errors.add(new FieldError(i, "eventId", "appears twice in this batch with different content"));
                }
            } else {
                outcome.put(i, Outcome.ACCEPTED);
            }
        }

        // 2. Ownership, then the sessions' starts and ends among the new events.
        Map<UUID, List<Integer>> startsBySession = new LinkedHashMap<>();
        Map<UUID, List<Integer>> endsBySession = new LinkedHashMap<>();
        for (int i = 0; i < events.size(); i++) {
            PracticeEvent e = events.get(i);
            if (outcome.get(i) != Outcome.ACCEPTED) {
                continue;
            }
            SessionState session = known.sessions().get(e.sessionId());
            if (session != null && !session.owner().equals(user)) {
                forbidden = true;
            }
            if (e.type() == EventType.SESSION_STARTED) {
                startsBySession.computeIfAbsent(e.sessionId(), k -> new ArrayList<>()).add(i);
            } else if (e.type().isEnd()) {
                endsBySession.computeIfAbsent(e.sessionId(), k -> new ArrayList<>()).add(i);
            }
        }
        if (forbidden) {
            return new Verdict(true, List.of(), List.of());
        }

        Map<UUID, SessionContext> contexts = new HashMap<>();
        Set<Integer> failed = new HashSet<>();
        startsBySession.forEach((sessionId, starts) -> {
            SessionState session = known.sessions().get(sessionId);
            for (int k = 0; k < starts.size(); k++) {
                int i = starts.get(k);
                if (session != null && !session.startEventId().equals(events.get(i).eventId())) {
                    errors.add(new FieldError(i, "type", "this session was already started"));
                    failed.add(i);
                } else if (k > 0) {
                    errors.add(new FieldError(i, "type", "a session has one SESSION_STARTED; this batch has "
                            + starts.size()));
                    failed.add(i);
                }
            }
            if (session == null) {
                int i = starts.get(0);
                resolve(i, events.get(i), user, known, errors).ifPresent(ctx -> contexts.put(sessionId, ctx));
            }
        });
        endsBySession.forEach((sessionId, ends) -> {
            for (int k = 1; k < ends.size(); k++) {
                errors.add(new FieldError(ends.get(k), "type", "a session has one end; this batch has " + ends.size()));
                failed.add(ends.get(k));
            }
        });

        Map<UUID, Integer> newInSession = new HashMap<>();
        outcome.forEach((i, o) -> {
            if (o == Outcome.ACCEPTED) {
                newInSession.merge(events.get(i).sessionId(), 1, Integer::sum);
            }
        });
        List<Judged> judged = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            PracticeEvent e = events.get(i);
            if (e == null || !outcome.containsKey(i)) {
                continue;
            }
            if (outcome.get(i) == Outcome.DUPLICATE) {
                judged.add(new Judged(i, e, Outcome.DUPLICATE, null));
                continue;
            }
            SessionState session = known.sessions().get(e.sessionId());
            SessionContext context = session != null ? session.context() : contexts.get(e.sessionId());
            if (failed.contains(i)) {
                continue;
            }
            // A retry of the very event that ended the session, or of one claimed before its
            // end was recorded, is not "after the end".
            if (session != null && session.endedBefore(e.eventId()) && !known.claimed().contains(e.eventId())) {
                errors.add(new FieldError(i, "sessionId", "this session has already ended"));
                continue;
            }
            if (context == null) {
                if (!startsBySession.containsKey(e.sessionId())) {
                    errors.add(new FieldError(i, "sessionId",
                            "the session's SESSION_STARTED is neither recorded nor in this batch"));
                }
                continue;
            }
            int recordedInSession = session == null ? 0 : session.eventIds().size();
            if (recordedInSession + newInSession.getOrDefault(e.sessionId(), 0) > SessionState.MAX_EVENTS) {
                errors.add(new FieldError(i, "sessionId", "this session already holds the most events a session may ("
                        + SessionState.MAX_EVENTS + ")"));
                continue;
            }
            if (e.type().isPose() && e.step() >= context.stepCount()) {
                errors.add(new FieldError(i, "step", "out of range: routine " + context.routineId() + " version "
                        + context.routineVersion() + " has steps 0 to " + (context.stepCount() - 1)));
                continue;
            }
            judged.add(new Judged(i, e, Outcome.ACCEPTED, context));
        }
        errors.sort((a, b) -> a.index() != b.index() ? Integer.compare(a.index(), b.index()) : a.field().compareTo(b.field()));
        return new Verdict(false, errors, errors.isEmpty() ? judged : List.of());
    }

    private static Optional<SessionContext> resolve(int i, PracticeEvent start, String user, Known known,
                                                    List<FieldError> errors) {
        Optional<RoutineVersions> routine = known.routines().apply(start.routineId());
        if (routine.isEmpty()) {
            errors.add(new FieldError(i, "routineId", "unknown routine '" + start.routineId() + "'"));
            return Optional.empty();
        }
        int version = start.routineVersion() == null ? routine.get().latest() : start.routineVersion();
        Integer steps = routine.get().stepCounts().get(version);
        if (steps == null) {
            errors.add(new FieldError(i, "routineVersion", "routine '" + start.routineId() + "' has no version " + version));
            return Optional.empty();
        }
        return Optional.of(new SessionContext(user, start.routineId(), version, steps, start.zone(), start.occurredAt()));
    }
}
