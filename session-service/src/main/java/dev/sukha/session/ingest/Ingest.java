package dev.sukha.session.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sukha.session.domain.BatchRules;
import dev.sukha.session.domain.EventParser;
import dev.sukha.session.domain.EventType;
import dev.sukha.session.domain.FieldError;
import dev.sukha.session.domain.PracticeEvent;
import dev.sukha.session.domain.RecordedEvent;
import dev.sukha.session.domain.SessionState;
import dev.sukha.session.messaging.EventPublisher;
import dev.sukha.session.messaging.EventRecord;
import dev.sukha.session.store.EventClaims;
import dev.sukha.session.store.RoutineViewStore;
import dev.sukha.session.store.SessionStore;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * Records a request's events: validate the whole batch, claim every new event id,
 * put them on Kafka, and only after the broker's acknowledgement mark them recorded.
 * Nothing is recorded unless every event is valid; nothing is answered 202 before
 * the broker acknowledged it.
 */
@ApplicationScoped
public class Ingest {

    private final EventClaims claims;
    private final SessionStore sessions;
    private final RoutineViewStore routines;
    private final EventPublisher publisher;
    private final RecordedMarks marks;
    private final Duration lease;
    private final Duration claimWait;
    private final MeterRegistry metrics;
    private final Clock clock = Clock.systemUTC();

    public Ingest(EventClaims claims, SessionStore sessions, RoutineViewStore routines, EventPublisher publisher,
                  RecordedMarks marks, @ConfigProperty(name = "sukha.claim.lease", defaultValue = "45s") Duration lease,
                  @ConfigProperty(name = "sukha.claim.wait", defaultValue = "10s") Duration claimWait,
                  MeterRegistry metrics) {
        this.claims = claims;
        this.sessions = sessions;
        this.routines = routines;
        this.publisher = publisher;
        this.marks = marks;
        this.lease = lease;
        this.claimWait = claimWait;
        this.metrics = metrics;
    }

    public enum Status { ACCEPTED, DUPLICATE }

    public record Result(String eventId, Status status) {
    }

    /** The batch breaks rules: every error, by index. */
    public static class Invalid extends RuntimeException {
        private final transient List<FieldError> errors;

        public Invalid(List<FieldError> errors) {
            super(errors.size() + " problem(s) in the request; nothing was recorded");
            this.errors = errors;
        }

        public List<FieldError> errors() {
            return errors;
        }
    }

    /** An event touches another user's session. */
    public static class Forbidden extends RuntimeException {
        public Forbidden() {
            super("forbidden", null, false, false);
        }
    }

    /** The events could not be made durable now; the same request may be retried. */
    public static class Unavailable extends RuntimeException {
        public Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private long lap(String phase, long since) {
        long now = System.nanoTime();
        metrics.timer("sukha.ingest.phase", "phase", phase).record(now - since, java.util.concurrent.TimeUnit.NANOSECONDS);
        return now;
    }

    public List<Result> record(String user, List<JsonNode> body) {
        long t = System.nanoTime();
        Instant now = clock.instant();
        List<FieldError> errors = new ArrayList<>();
        List<PracticeEvent> parsed = new ArrayList<>();
        for (int i = 0; i < body.size(); i++) {
            parsed.add(EventParser.parse(i, body.get(i), clock, errors));
        }

        Map<UUID, String> fingerprints = new HashMap<>(); // by event id: the first of repeats inside the batch
        Set<UUID> sessionIds = new HashSet<>();
        for (PracticeEvent e : parsed) {
            if (e != null) {
                fingerprints.putIfAbsent(e.eventId(), e.fingerprint());
                sessionIds.add(e.sessionId());
            }
        }
        Map<UUID, RecordedEvent> recorded = new HashMap<>();
        Set<UUID> claimed = new HashSet<>();
        claims.find(fingerprints.keySet()).forEach((id, claim) -> {
            if (claim.state().equals(EventClaims.RECORDED)) {
                recorded.put(id, claim.asRecorded());
            } else if (claim.userId().equals(user) && claim.fingerprint().equals(fingerprints.get(id))) {
                claimed.add(id);
            }
        });
        Map<UUID, SessionState> known = sessions.find(sessionIds);
        t = lap("read", t);
        BatchRules.Verdict verdict = BatchRules.judge(user, parsed,
                new BatchRules.Known(recorded, known, routines::find, claimed));
        t = lap("judge", t);
        if (verdict.forbidden()) {
            throw new Forbidden();
        }
        errors.addAll(verdict.errors());
        if (!errors.isEmpty()) {
            errors.sort((a, b) -> a.index() != b.index() ? Integer.compare(a.index(), b.index()) : a.field().compareTo(b.field()));
            throw new Invalid(errors);
        }

        Map<Integer, Status> statusByIndex = new HashMap<>();
        Map<UUID, BatchRules.Judged> fresh = new LinkedHashMap<>();
        for (BatchRules.Judged j : verdict.judged()) {
            if (j.outcome() == BatchRules.Outcome.DUPLICATE) {
                statusByIndex.put(j.index(), Status.DUPLICATE);
            } else {
                fresh.put(j.event().eventId(), j);
            }
        }

        String holder = UUID.randomUUID().toString();
        Set<UUID> ours = claimAll(user, fresh, holder, now);
        t = lap("claim-events", t);
        List<UUID> sent = new ArrayList<>(ours);
        List<CompletableFuture<Void>> acks;
        try {
            claimSessions(user, fresh, ours);
            t = lap("claim-sessions", t);
            List<EventRecord> records = new ArrayList<>();
            for (UUID id : sent) {
                BatchRules.Judged j = fresh.get(id);
                records.add(EventRecord.of(j.event(), j.context(), now));
            }
            acks = publisher.send(records);
        } catch (RuntimeException e) {
            marks.release(ours, holder);
            throw e;
        }
        publisher.await(acks);
        t = lap("publish", t);

        // Each event by its own acknowledgement: on Kafka (recorded, whatever the store does next),
        // refused (let go, a retry sends it), or still on its way (its claim is kept until Kafka answers,
        // so that a retry waits for it instead of sending it a second time).
        Set<UUID> acknowledged = new LinkedHashSet<>();
        Set<UUID> refused = new HashSet<>();
        Map<UUID, CompletableFuture<Void>> onTheirWay = new HashMap<>();
        for (int i = 0; i < sent.size(); i++) {
            CompletableFuture<Void> ack = acks.get(i);
            if (!ack.isDone()) {
                onTheirWay.put(sent.get(i), ack);
            } else if (ack.isCompletedExceptionally()) {
                refused.add(sent.get(i));
            } else {
                acknowledged.add(sent.get(i));
            }
        }
        marks.mark(acknowledged, clock.instant(), sessionMarks(acknowledged, fresh));
        lap("mark-recorded", t);
        metrics.counter("sukha.events.accepted").increment(acknowledged.size());
        if (!refused.isEmpty() || !onTheirWay.isEmpty()) {
            marks.release(refused, holder);
            marks.markWhenAcknowledged(onTheirWay, holder, ids -> sessionMarks(ids, fresh));
            metrics.counter("sukha.events.unavailable").increment(refused.size() + onTheirWay.size());
            throw new Unavailable("Kafka did not acknowledge " + (refused.size() + onTheirWay.size()) + " of the "
                    + sent.size() + " new events in time; retry the same request (what was recorded will be a DUPLICATE).",
                    acks.stream().filter(CompletableFuture::isCompletedExceptionally).findFirst()
                            .map(Ingest::failure).orElse(null));
        }

        List<Result> results = new ArrayList<>();
        for (int i = 0; i < parsed.size(); i++) {
            PracticeEvent e = parsed.get(i);
            Status status = statusByIndex.getOrDefault(i, ours.contains(e.eventId()) ? Status.ACCEPTED : Status.DUPLICATE);
            results.add(new Result(e.eventId().toString(), status));
        }
        return results;
    }

    /** What recording these events changes on their sessions: ids, and whether a start or an end is among them. */
    private static List<SessionStore.Recorded> sessionMarks(Set<UUID> ids, Map<UUID, BatchRules.Judged> fresh) {
        Map<UUID, List<UUID>> bySession = new LinkedHashMap<>();
        Set<UUID> starts = new HashSet<>();
        Set<UUID> ends = new HashSet<>();
        for (UUID id : ids) {
            PracticeEvent e = fresh.get(id).event();
            bySession.computeIfAbsent(e.sessionId(), k -> new ArrayList<>()).add(id);
            if (e.type() == EventType.SESSION_STARTED) {
                starts.add(e.sessionId());
            } else if (e.type().isEnd()) {
                ends.add(e.sessionId());
            }
        }
        return bySession.entrySet().stream().map(e -> new SessionStore.Recorded(e.getKey(), e.getValue(),
                starts.contains(e.getKey()), ends.contains(e.getKey()))).toList();
    }

    private static Throwable failure(CompletableFuture<Void> ack) {
        try {
            ack.join();
            return null;
        } catch (java.util.concurrent.CompletionException e) {
            return e.getCause();
        }
    }

    /**
     * Claims every new event id. An id held by a concurrent request is waited for:
     * once that request records it, it is a duplicate here; if it lets go or its lease
     * runs out, this request takes it over.
     */
    private Set<UUID> claimAll(String user, Map<UUID, BatchRules.Judged> fresh, String holder, Instant now) {
        List<EventClaims.NewEvent> wanted = fresh.values().stream()
                .map(j -> new EventClaims.NewEvent(j.event().eventId(), user, j.event().sessionId(), j.event().fingerprint()))
                .toList();
        Set<UUID> taken = claims.claim(wanted, holder, now);
        Set<UUID> ours = new HashSet<>(fresh.keySet());
        ours.removeAll(taken);
        Instant deadline = now.plus(claimWait);
        while (!taken.isEmpty()) {
            Instant at = clock.instant();
            Map<UUID, EventClaims.Claim> found = claims.find(taken);
            for (UUID id : new ArrayList<>(taken)) {
                EventClaims.Claim claim = found.get(id);
                PracticeEvent e = fresh.get(id).event();
                if (claim == null) {
                    continue;
                }
                if (!claim.userId().equals(user) || !claim.fingerprint().equals(e.fingerprint())) {
                    marks.release(ours, holder);
                    throw new Invalid(List.of(new FieldError(fresh.get(id).index(), "eventId",
                            "already recorded with different content")));
                }
                if (claim.state().equals(EventClaims.RECORDED)) {
                    taken.remove(id);
                } else if (claims.expired(claim, at, lease) && !marks.marking(id) && claims.takeOver(claim, holder, at)) {
                    taken.remove(id);
                    ours.add(id);
                }
            }
            if (taken.isEmpty()) {
                break;
            }
            if (at.isAfter(deadline)) {
                marks.release(ours, holder);
                throw new Unavailable("Another request is still recording some of these events; retry shortly.", null);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                marks.release(ours, holder);
                throw new Unavailable("Interrupted", ie);
            }
        }
        // Keep the request's order for the records.
        Set<UUID> ordered = new java.util.LinkedHashSet<>();
        for (UUID id : fresh.keySet()) {
            if (ours.contains(id)) {
                ordered.add(id);
            }
        }
        return ordered;
    }

    /** Claims each new start and end on its session document; a lost race is a rule broken. */
    private void claimSessions(String user, Map<UUID, BatchRules.Judged> fresh, Set<UUID> ours) {
        Map<PracticeEvent, dev.sukha.session.domain.SessionContext> starts = new LinkedHashMap<>();
        List<PracticeEvent> ends = new ArrayList<>();
        for (UUID id : ours) {
            BatchRules.Judged j = fresh.get(id);
            if (j.event().type() == EventType.SESSION_STARTED) {
                starts.put(j.event(), j.context());
            } else if (j.event().type().isEnd()) {
                ends.add(j.event());
            }
        }
        if (starts.isEmpty() && ends.isEmpty()) {
            return;
        }
        Map<UUID, SessionState> now = sessions.claim(starts, ends);
        List<FieldError> errors = new ArrayList<>();
        for (UUID id : ours) {
            BatchRules.Judged j = fresh.get(id);
            PracticeEvent e = j.event();
            SessionState state = now.get(e.sessionId());
            if (e.type() == EventType.SESSION_STARTED) {
                if (!state.owner().equals(user)) {
                    throw new Forbidden();
                }
                if (!state.startEventId().equals(e.eventId())) {
                    errors.add(new FieldError(j.index(), "type", "this session was already started"));
                }
            } else if (e.type().isEnd() && (state == null || !e.eventId().equals(state.endEventId()))) {
                errors.add(new FieldError(j.index(), "type", "this session has already ended"));
            }
        }
        if (!errors.isEmpty()) {
            throw new Invalid(errors);
        }
    }
}
