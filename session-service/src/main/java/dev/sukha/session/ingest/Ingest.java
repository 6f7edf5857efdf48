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
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

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
    private final Duration lease;
    private final MeterRegistry metrics;
    private final Clock clock = Clock.systemUTC();

    public Ingest(EventClaims claims, SessionStore sessions, RoutineViewStore routines, EventPublisher publisher,
                  @ConfigProperty(name = "sukha.claim.lease", defaultValue = "15s") Duration lease,
                  MeterRegistry metrics) {
        this.claims = claims;
        this.sessions = sessions;
        this.routines = routines;
        this.publisher = publisher;
        this.lease = lease;
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

        Set<UUID> eventIds = new HashSet<>();
        Set<UUID> sessionIds = new HashSet<>();
        for (PracticeEvent e : parsed) {
            if (e != null) {
                eventIds.add(e.eventId());
                sessionIds.add(e.sessionId());
            }
        }
        Map<UUID, RecordedEvent> recorded = new HashMap<>();
        claims.find(eventIds).forEach((id, claim) -> {
            if (claim.state().equals(EventClaims.RECORDED)) {
                recorded.put(id, claim.asRecorded());
            }
        });
        Map<UUID, SessionState> known = sessions.find(sessionIds);
        t = lap("read", t);
        BatchRules.Verdict verdict = BatchRules.judge(user, parsed,
                new BatchRules.Known(recorded, known, routines::find));
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
        try {
            claimSessions(user, fresh, ours);
            t = lap("claim-sessions", t);
            List<EventRecord> records = new ArrayList<>();
            for (UUID id : ours) {
                BatchRules.Judged j = fresh.get(id);
                records.add(EventRecord.of(j.event(), j.context(), now));
            }
            publisher.publish(records);
            t = lap("publish", t);
        } catch (EventPublisher.NotRecorded e) {
            claims.release(ours, holder);
            metrics.counter("sukha.events.unavailable").increment();
            throw new Unavailable("Kafka did not acknowledge the events; retry the same request.", e);
        } catch (RuntimeException e) {
            claims.release(ours, holder);
            throw e;
        }
        Instant done = clock.instant();
        claims.markRecorded(ours, done);
        Map<UUID, List<UUID>> bySession = new LinkedHashMap<>();
        Set<UUID> startsRecorded = new HashSet<>();
        Set<UUID> endsRecorded = new HashSet<>();
        for (UUID id : ours) {
            PracticeEvent e = fresh.get(id).event();
            bySession.computeIfAbsent(e.sessionId(), k -> new ArrayList<>()).add(id);
            if (e.type() == EventType.SESSION_STARTED) {
                startsRecorded.add(e.sessionId());
            } else if (e.type().isEnd()) {
                endsRecorded.add(e.sessionId());
            }
        }
        sessions.recorded(bySession.entrySet().stream().map(e -> new SessionStore.Recorded(e.getKey(), e.getValue(),
                startsRecorded.contains(e.getKey()), endsRecorded.contains(e.getKey()))).toList());
        lap("mark-recorded", t);
        metrics.counter("sukha.events.accepted").increment(ours.size());

        List<Result> results = new ArrayList<>();
        for (int i = 0; i < parsed.size(); i++) {
            PracticeEvent e = parsed.get(i);
            Status status = statusByIndex.getOrDefault(i, ours.contains(e.eventId()) ? Status.ACCEPTED : Status.DUPLICATE);
            results.add(new Result(e.eventId().toString(), status));
        }
        return results;
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
        Instant deadline = now.plus(lease).plusSeconds(2);
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
                    claims.release(ours, holder);
                    throw new Invalid(List.of(new FieldError(fresh.get(id).index(), "eventId",
                            "already recorded with different content")));
                }
                if (claim.state().equals(EventClaims.RECORDED)) {
                    taken.remove(id);
                } else if (claims.expired(claim, at, lease) && claims.takeOver(claim, holder, at)) {
                    taken.remove(id);
                    ours.add(id);
                }
            }
            if (taken.isEmpty()) {
                break;
            }
            if (at.isAfter(deadline)) {
                claims.release(ours, holder);
                throw new Unavailable("Another request is still recording some of these events; retry shortly.", null);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                claims.release(ours, holder);
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
