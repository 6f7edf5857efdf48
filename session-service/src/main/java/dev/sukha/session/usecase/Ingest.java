package dev.sukha.session.usecase;

import dev.sukha.platform.sealing.PersonKeyVault;
import dev.sukha.platform.sealing.SealedValues;
import com.fasterxml.jackson.databind.JsonNode;
import dev.sukha.session.config.SessionConfig;
import dev.sukha.session.domain.BatchRules;
import dev.sukha.session.domain.EventType;
import dev.sukha.session.domain.FieldError;
import dev.sukha.session.domain.PracticeEvent;
import dev.sukha.session.domain.RecordedEvent;
import dev.sukha.session.domain.RoutineVersions;
import dev.sukha.session.domain.SessionContext;
import dev.sukha.session.domain.SessionState;
import dev.sukha.session.keys.PersonKeys;
import dev.sukha.session.store.EventClaims;
import dev.sukha.session.store.GroupCommit;
import dev.sukha.session.store.RoutineViewStore;
import dev.sukha.session.store.SessionStore;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

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
import java.util.concurrent.TimeUnit;

/**
 * Records a request's events in five steps:
 * <ol>
 * <li><b>read</b> the sessions its events belong to (not those it starts) and the person's record key, at once;</li>
 * <li><b>judge</b> the whole batch by the rules ({@link BatchRules}): 403, 422 with every error, or each
 * event new or a duplicate — first as if its ids were all new (they nearly always are), and only when that
 * verdict is not clean again with what is known of them (their claims read);</li>
 * <li><b>claim</b> every new event id, then the starts and ends among them: the unique {@code _id}
 * decides, so of two concurrent resends only one sends an event, and the other waits for it. An id found
 * taken (a resend) has the batch judged again with its claim before anything goes on;</li>
 * <li><b>publish</b> to Kafka, each record sealed with the person's key, and wait for every acknowledgement;</li>
 * <li><b>settle</b>: mark what Kafka acknowledged recorded, let go of what it refused, and keep the
 * claims of what is still on its way until Kafka answers.</li>
 * </ol>
 * Store work of concurrent requests goes in one command per kind per tick ({@link GroupCommit}).
 * Nothing is recorded unless every event is valid; nothing is answered 202 before the broker
 * acknowledged it; every wait takes from one budget, after which the answer is 503.
 */
@ApplicationScoped
public class Ingest {

    private final EventClaims claims;
    private final SessionStore sessions;
    private final RoutineViewStore routines;
    private final EventRecords publisher;
    private final RecordedMarks marks;
    private final PersonKeys keys;
    private final Duration budget;
    private final Duration lease;
    private final Duration claimWait;
    private final MeterRegistry metrics;
    private final Clock clock = Clock.systemUTC();

    public Ingest(EventClaims claims, SessionStore sessions, RoutineViewStore routines, EventRecords publisher,
                  RecordedMarks marks, PersonKeys keys, SessionConfig config, MeterRegistry metrics) {
        this.claims = claims;
        this.sessions = sessions;
        this.routines = routines;
        this.publisher = publisher;
        this.marks = marks;
        this.keys = keys;
        this.budget = config.publish().timeout();
        this.lease = config.claim().lease();
        this.claimWait = config.claim().waitFor();
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
        metrics.timer("sukha.ingest.phase", "phase", phase).record(now - since, TimeUnit.NANOSECONDS);
        return now;
    }

    public List<Result> record(String user, List<JsonNode> body) {
        Deadline deadline = Deadline.after(budget);
        if (marks.full()) {
            throw new Unavailable("The store is behind: this instance owes too many writes; retry shortly.", null);
        }
        long t = System.nanoTime();
        Instant now = clock.instant();
        List<FieldError> errors = new ArrayList<>();
        List<PracticeEvent> parsed = new ArrayList<>(body.size());
        for (int i = 0; i < body.size(); i++) {
            parsed.add(EventParser.parse(i, body.get(i), clock, errors));
        }

        // The person's key is read with the sessions (never cached: it may just have been erased).
        CompletableFuture<PersonKeyVault.Live> keyRead = keys.forUser(user);
        Ids ids = Ids.of(parsed);
        CompletableFuture<Map<UUID, SessionStore.Stored>> sessionsRead = sessions.find(ids.others());
        PersonKeyVault.Live key = personKey(keyRead, deadline);
        Map<UUID, SessionStore.Stored> stored = deadline.get(sessionsRead, "reading sessions");
        t = lap("read", t);
        // New events are the common case: the batch is judged first as if none of its ids were known, without reading
        // their claims. Only a clean verdict goes on so: claiming finds out what it missed (then it is judged again).
        BatchRules.Verdict verdict = errors.isEmpty() ? BatchRules.judge(user, parsed, known(user, ids, stored, Map.of(), key)) : null;
        boolean optimistic = verdict != null && verdict.ok();
        if (!optimistic) {
            verdict = judge(user, parsed, withClaims(user, ids, stored, ids.fingerprints().keySet(), false, key, deadline), errors);
        }
        t = lap("judge", t);
        Claimed claimed = claim(user, parsed, ids, stored, verdict, optimistic, key, now, deadline);
        t = lap("claim", t);
        List<CompletableFuture<Void>> acks;
        try {
            acks = publish(claimed, key, now);
        } catch (RuntimeException e) {
            marks.release(claimed.ours(), claimed.holder());
            throw e;
        }
        deadline.await(CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)));
        t = lap("publish", t);
        settle(claimed, acks, deadline);
        lap("settle", t);
        return results(parsed, claimed.verdict(), claimed.ours());
    }

    // ---- 1. read ---------------------------------------------------------------------------------

    /** What a request's events are about: their ids and content, their sessions, and the sessions it starts. */
    record Ids(Map<UUID, String> fingerprints, Map<UUID, UUID> sessionOf, Set<UUID> sessions, Set<UUID> startedHere) {
        static Ids of(List<PracticeEvent> parsed) {
            Map<UUID, String> fingerprints = new HashMap<>();
            Map<UUID, UUID> sessionOf = new HashMap<>();
            Set<UUID> sessionIds = new HashSet<>();
            Set<UUID> startedHere = new HashSet<>();
            for (PracticeEvent e : parsed) {
                if (e != null) {
                    fingerprints.putIfAbsent(e.eventId(), e.fingerprint());
                    sessionOf.putIfAbsent(e.eventId(), e.sessionId());
                    sessionIds.add(e.sessionId());
                    if (e.type() == EventType.SESSION_STARTED) {
                        startedHere.add(e.sessionId());
                    }
                }
            }
            return new Ids(fingerprints, sessionOf, sessionIds, startedHere);
        }

        /**
         * The sessions to read first: a session the batch starts is new, unless some of the batch's events are known
         * already (a resend), and is read only then. Were it there after all (another person's, another start),
         * claiming its start finds out (403, 422).
         */
        Set<UUID> others() {
            Set<UUID> others = new HashSet<>(sessions);
            others.removeAll(startedHere);
            return others;
        }
    }

    /**
     * What is known of the batch once the claims of {@code claimed} are read, with the sessions it starts if some are
     * found: read together with the claims when some are known to be taken ({@code taken}: claiming found them, almost
     * always a resend's), otherwise only once the claims turned out to be there.
     */
    private BatchRules.Known withClaims(String user, Ids ids, Map<UUID, SessionStore.Stored> stored, Set<UUID> claimed,
                                        boolean taken, PersonKeyVault.Live key, Deadline deadline) {
        CompletableFuture<Map<UUID, EventClaims.Claim>> claimsRead = claims.find(claimed);
        CompletableFuture<Map<UUID, SessionStore.Stored>> startedRead = taken ? sessions.find(ids.startedHere()) : null;
        Map<UUID, EventClaims.Claim> found = deadline.get(claimsRead, "reading event claims");
        if (startedRead == null && !found.isEmpty()) {
            startedRead = sessions.find(ids.startedHere());
        }
        Map<UUID, SessionStore.Stored> all = new HashMap<>(stored);
        if (startedRead != null) {
            all.putAll(deadline.get(startedRead, "reading sessions"));
        }
        return known(user, ids, all, found, key);
    }

    /**
     * What is known of the batch's ids: recorded events, sessions, and the ids of this batch an
     * earlier request already claimed with the same content (judged valid then; sent again now).
     */
    private BatchRules.Known known(String user, Ids ids, Map<UUID, SessionStore.Stored> stored, Map<UUID, EventClaims.Claim> found,
                                   PersonKeyVault.Live key) {
        Map<UUID, SessionState> known = opened(user, stored, key);
        SealedValues values = key.values();
        Map<UUID, RecordedEvent> recorded = new HashMap<>();
        Set<UUID> claimed = new HashSet<>();
        found.forEach((id, claim) -> {
            // Recorded when its session lists it; a claim of another session is another event's (other content).
            if (claim.recordedIn(known.get(ids.sessionOf().get(id)))) {
                recorded.put(id, claim.asRecorded(values));
            } else if (claim.userId().equals(user) && claim.sameContent(ids.fingerprints().get(id), values)) {
                claimed.add(id);
            }
        });
        return new BatchRules.Known(recorded, known, routines::find, claimed);
    }

    /** The sessions as this person may see them: their own opened with their key, others' only as whose they are. */
    private static Map<UUID, SessionState> opened(String user, Map<UUID, SessionStore.Stored> stored, PersonKeyVault.Live key) {
        Map<UUID, SessionState> out = new HashMap<>();
        stored.forEach((id, s) -> s.open(user, key.values()).ifPresent(state -> out.put(id, state)));
        return out;
    }

    /** The key to seal the person's records with; during their erasure, nothing is recorded (503). */
    private static PersonKeyVault.Live personKey(CompletableFuture<PersonKeyVault.Live> keyRead, Deadline deadline) {
        try {
            return deadline.get(keyRead, "reading the person's record key");
        } catch (Unavailable e) {
            if (e.getCause() instanceof PersonKeyVault.Erasing) {
                throw new Unavailable("This person's data is being erased; retry in a few seconds to start again as new.", null);
            }
            throw e;
        }
    }

    // ---- 2. judge --------------------------------------------------------------------------------

    private static BatchRules.Verdict judge(String user, List<PracticeEvent> parsed, BatchRules.Known known,
                                            List<FieldError> parseErrors) {
        BatchRules.Verdict verdict = BatchRules.judge(user, parsed, known);
        if (verdict.forbidden()) {
            throw new Forbidden();
        }
        List<FieldError> errors = new ArrayList<>(parseErrors);
        errors.addAll(verdict.errors());
        if (!errors.isEmpty()) {
            errors.sort((a, b) -> a.index() != b.index() ? Integer.compare(a.index(), b.index()) : a.field().compareTo(b.field()));
            throw new Invalid(errors);
        }
        return verdict;
    }

    // ---- 3. claim --------------------------------------------------------------------------------

    /** The request's claims: who holds them, its verdict, the new events by id (in request order), and which ids it sends. */
    record Claimed(String holder, BatchRules.Verdict verdict, Map<UUID, BatchRules.Judged> fresh, Set<UUID> ours) {
    }

    private Claimed claim(String user, List<PracticeEvent> parsed, Ids ids, Map<UUID, SessionStore.Stored> stored,
                          BatchRules.Verdict verdict, boolean optimistic, PersonKeyVault.Live key, Instant now, Deadline deadline) {
        Map<UUID, BatchRules.Judged> fresh = fresh(verdict);
        String holder = UUID.randomUUID().toString();
        EventClaims.Inserted inserted = insertClaims(user, fresh, fresh.keySet(), holder, key, now, deadline);
        Set<UUID> ours = new LinkedHashSet<>(fresh.keySet());
        ours.removeAll(inserted.taken());
        Set<UUID> taken = new HashSet<>(inserted.taken());
        try {
            if (optimistic && !taken.isEmpty()) {
                // Some ids were known after all (a resend, or a concurrent request): judged again with what is known of them.
                // The ids it claimed itself were free, so unknown: only the taken ones' claims are read.
                verdict = judge(user, parsed, withClaims(user, ids, stored, taken, true, key, deadline), List.of());
                fresh = fresh(verdict);
                Set<UUID> notNew = new HashSet<>(ours);
                notNew.removeAll(fresh.keySet());
                ours.removeAll(notNew);
                marks.release(notNew, holder);
                taken.retainAll(fresh.keySet());
            }
            resolveTaken(user, fresh, taken, holder, key, ours, deadline);
            claimSessions(user, fresh, ours, key, deadline);
        } catch (Invalid | Forbidden refused) {
            // Refused: none of its events was sent; nothing of it stays, so that a corrected resend finds its ids free.
            marks.forget(ours, holder, deadline);
            throw refused;
        } catch (RuntimeException e) {
            marks.release(ours, holder);
            throw e;
        }
        // Keep the request's order for the records.
        Set<UUID> ordered = new LinkedHashSet<>();
        fresh.keySet().stream().filter(ours::contains).forEach(ordered::add);
        return new Claimed(holder, verdict, fresh, ordered);
    }

    /** The new events, by id, in the request's order. */
    static Map<UUID, BatchRules.Judged> fresh(BatchRules.Verdict verdict) {
        Map<UUID, BatchRules.Judged> fresh = new LinkedHashMap<>();
        for (BatchRules.Judged j : verdict.judged()) {
            if (j.outcome() == BatchRules.Outcome.ACCEPTED) {
                fresh.put(j.event().eventId(), j);
            }
        }
        return fresh;
    }

    /** What to do about an event id that another request holds. */
    enum Held { DUPLICATE, CONFLICT, TAKE_OVER, WAIT }

    /**
     * Once the holder recorded the event ({@code recorded}: its session lists it) it is a duplicate here;
     * another user or other content is a conflict (422); a holder that let go, or whose lease ran out and
     * that is not this instance still waiting for Kafka, may be taken over; otherwise wait.
     */
    static Held held(EventClaims.Claim claim, boolean recorded, String user, PracticeEvent event, SealedValues values, Instant now,
                     Duration lease, boolean markingHere) {
        if (!claim.userId().equals(user) || !claim.sameContent(event.fingerprint(), values)) {
            return Held.CONFLICT;
        }
        if (recorded) {
            return Held.DUPLICATE;
        }
        return claim.free(now, lease) && !markingHere ? Held.TAKE_OVER : Held.WAIT;
    }

    /**
     * Waits for the requests holding some of these events; adds the ids taken over to {@code ours} as they are (so that
     * a failure lets go of them with the rest).
     */
    private void resolveTaken(String user, Map<UUID, BatchRules.Judged> fresh, Set<UUID> taken, String holder,
                              PersonKeyVault.Live key, Set<UUID> ours, Deadline deadline) {
        SealedValues values = key.values();
        Set<UUID> waiting = new HashSet<>(taken);
        long waitUntil = System.nanoTime() + claimWait.toNanos();
        while (!waiting.isEmpty()) {
            Instant at = clock.instant();
            CompletableFuture<Map<UUID, EventClaims.Claim>> claimsRead = claims.find(waiting);
            CompletableFuture<Map<UUID, SessionStore.Stored>> sessionsRead = sessions.find(
                    waiting.stream().map(id -> fresh.get(id).event().sessionId()).collect(java.util.stream.Collectors.toSet()));
            Map<UUID, EventClaims.Claim> found = deadline.get(claimsRead, "reading event claims");
            Map<UUID, SessionStore.Stored> stored = deadline.get(sessionsRead, "reading sessions");
            Set<UUID> gone = new HashSet<>();
            for (UUID id : new ArrayList<>(waiting)) {
                EventClaims.Claim claim = found.get(id);
                if (claim == null) {
                    gone.add(id); // its request was refused and forgot it (or it expired): claimed again below
                    continue;
                }
                PracticeEvent event = fresh.get(id).event();
                SessionStore.Stored session = stored.get(event.sessionId());
                boolean recorded = claim.recordedIn(session == null ? null : session.open(user, values).orElse(null));
                switch (held(claim, recorded, user, event, values, at, lease, marks.marking(id))) {
                    case CONFLICT -> throw new Invalid(List.of(new FieldError(fresh.get(id).index(), "eventId",
                            "already recorded with different content")));
                    case DUPLICATE -> waiting.remove(id);
                    case TAKE_OVER -> {
                        if (claims.takeOver(claim, holder, at)) {
                            waiting.remove(id);
                            ours.add(id);
                        }
                    }
                    case WAIT -> {
                        // the holder is still at it
                    }
                }
            }
            if (!gone.isEmpty()) {
                Set<UUID> won = claimAgain(user, fresh, gone, holder, key, at, deadline);
                waiting.removeAll(won);
                ours.addAll(won);
            }
            if (waiting.isEmpty()) {
                break;
            }
            if (System.nanoTime() > waitUntil || deadline.expired()) {
                throw new Unavailable("Another request is still recording some of these events; retry shortly.", null);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                throw new Unavailable("Interrupted", ie);
            }
        }
    }

    /** Claims again ids whose claim went while this request waited for it; returns those it got. */
    private Set<UUID> claimAgain(String user, Map<UUID, BatchRules.Judged> fresh, Set<UUID> gone, String holder,
                                 PersonKeyVault.Live key, Instant at, Deadline deadline) {
        Set<UUID> won = new HashSet<>(gone);
        won.removeAll(insertClaims(user, fresh, gone, holder, key, at, deadline).taken());
        return won;
    }

    /**
     * Claims these new events for {@code holder}; the answer says which were taken already. A store that refuses some
     * of them, or does not answer within the deadline, is a 503, and whatever of them this holder got is let go — also
     * by a tick that returns after the request gave up (it may still have inserted them).
     */
    private EventClaims.Inserted insertClaims(String user, Map<UUID, BatchRules.Judged> fresh, Set<UUID> ids, String holder,
                                              PersonKeyVault.Live key, Instant at, Deadline deadline) {
        List<EventClaims.NewEvent> wanted = ids.stream().map(id -> newEvent(user, fresh.get(id).event(), key)).toList();
        CompletableFuture<EventClaims.Inserted> insert = claims.claim(wanted, holder, at);
        EventClaims.Inserted inserted;
        try {
            inserted = deadline.get(insert, "claiming event ids");
        } catch (Unavailable e) {
            Set<UUID> all = Set.copyOf(ids);
            insert.thenAccept(late -> marks.release(all, holder));
            marks.release(all, holder);
            throw e;
        }
        if (!inserted.ok()) {
            marks.release(ids, holder);
            throw new Unavailable("The store refused to claim some events (" + inserted.failure() + "); retry the same request.", null);
        }
        return inserted;
    }

    /** A new event's claim: its id, whose, its session, and its content's digest under the person's key. */
    private static EventClaims.NewEvent newEvent(String user, PracticeEvent e, PersonKeyVault.Live key) {
        return new EventClaims.NewEvent(e.eventId(), user, e.sessionId(), EventClaims.digest(key.values(), e.eventId(), e.fingerprint()),
                key.keyId());
    }

    /** Claims each start and end this request sends, on its session; a lost race is a broken rule. */
    private void claimSessions(String user, Map<UUID, BatchRules.Judged> fresh, Set<UUID> ours, PersonKeyVault.Live key,
                               Deadline deadline) {
        Map<PracticeEvent, SessionContext> starts = new LinkedHashMap<>();
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
        Map<UUID, SessionState> after = opened(user, deadline.get(sessions.claim(starts, ends, key.keyId(), key.values()),
                "claiming session starts and ends"), key);
        if (raceLost(user, fresh, ours, after)) {
            throw new Forbidden();
        }
        List<FieldError> errors = raceErrors(fresh, ours, after);
        if (!errors.isEmpty()) {
            throw new Invalid(errors);
        }
    }

    /** A concurrent request started one of these sessions for another user. */
    static boolean raceLost(String user, Map<UUID, BatchRules.Judged> fresh, Set<UUID> ours, Map<UUID, SessionState> after) {
        return ours.stream().map(fresh::get).filter(j -> j.event().type() == EventType.SESSION_STARTED)
                .anyMatch(j -> after.containsKey(j.event().sessionId()) && !after.get(j.event().sessionId()).owner().equals(user));
    }

    /** Starts and ends that a concurrent request got in first with another event. */
    static List<FieldError> raceErrors(Map<UUID, BatchRules.Judged> fresh, Set<UUID> ours, Map<UUID, SessionState> after) {
        List<FieldError> errors = new ArrayList<>();
        for (UUID id : ours) {
            BatchRules.Judged j = fresh.get(id);
            PracticeEvent e = j.event();
            SessionState state = after.get(e.sessionId());
            // No state: the session is there but does not open (sealed under this person's key erased since).
            if (e.type() == EventType.SESSION_STARTED && (state == null || !state.startEventId().equals(e.eventId()))) {
                errors.add(new FieldError(j.index(), "type", "this session was already started"));
            } else if (e.type().isEnd() && (state == null || !e.eventId().equals(state.endEventId()))) {
                errors.add(new FieldError(j.index(), "type", "this session has already ended"));
            }
        }
        return errors;
    }

    // ---- 4. publish ------------------------------------------------------------------------------

    private List<CompletableFuture<Void>> publish(Claimed claimed, PersonKeyVault.Live key, Instant now) {
        List<EventRecords.Outgoing> records = new ArrayList<>(claimed.ours().size());
        for (UUID id : claimed.ours()) {
            BatchRules.Judged j = claimed.fresh().get(id);
            RoutineVersions.StepInfo step = j.event().type().isPose()
                    ? routines.find(j.context().routineId()).flatMap(r -> r.step(j.context().routineVersion(), j.event().step()))
                            .orElse(null)
                    : null;
            records.add(new EventRecords.Outgoing(j.event(), j.context(), step, now));
        }
        return publisher.send(records, key);
    }

    // ---- 5. settle -------------------------------------------------------------------------------

    /** Each sent event by its own acknowledgement: on Kafka, refused, or still on its way. */
    record Settlement(Set<UUID> acknowledged, Set<UUID> refused, Map<UUID, CompletableFuture<Void>> onTheirWay) {
        boolean complete() {
            return refused.isEmpty() && onTheirWay.isEmpty();
        }
    }

    static Settlement settlement(List<UUID> sent, List<CompletableFuture<Void>> acks) {
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
        return new Settlement(acknowledged, refused, onTheirWay);
    }

    /**
     * Marks what Kafka acknowledged recorded (whatever the store does next: it is on Kafka), lets
     * go of what it refused (a retry sends it), and keeps the claims of what is still on its way
     * until Kafka answers (so that a retry waits for it instead of sending it a second time).
     */
    private void settle(Claimed claimed, List<CompletableFuture<Void>> acks, Deadline deadline) {
        Settlement s = settlement(new ArrayList<>(claimed.ours()), acks);
        marks.mark(s.acknowledged(), sessionMarks(s.acknowledged(), claimed.fresh()), deadline);
        metrics.counter("sukha.events.accepted").increment(s.acknowledged().size());
        if (!s.complete()) {
            marks.release(s.refused(), claimed.holder());
            marks.markWhenAcknowledged(s.onTheirWay(), claimed.holder(), ids -> sessionMarks(ids, claimed.fresh()));
            metrics.counter("sukha.events.unavailable").increment(s.refused().size() + s.onTheirWay().size());
            throw new Unavailable("Kafka did not acknowledge " + (s.refused().size() + s.onTheirWay().size()) + " of the "
                    + claimed.ours().size() + " new events in time; retry the same request (what was recorded will be a DUPLICATE).",
                    acks.stream().filter(CompletableFuture::isCompletedExceptionally).findFirst().map(Ingest::failure).orElse(null));
        }
    }

    /** What recording these events changes on their sessions: ids, and whether a start or an end is among them. */
    static List<SessionStore.Recorded> sessionMarks(Set<UUID> ids, Map<UUID, BatchRules.Judged> fresh) {
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

    /** One result per event, in the request's order: new and sent here, or a duplicate. */
    static List<Result> results(List<PracticeEvent> parsed, BatchRules.Verdict verdict, Set<UUID> ours) {
        Map<Integer, Status> byIndex = new HashMap<>();
        for (BatchRules.Judged j : verdict.judged()) {
            if (j.outcome() == BatchRules.Outcome.DUPLICATE) {
                byIndex.put(j.index(), Status.DUPLICATE);
            }
        }
        List<Result> results = new ArrayList<>(parsed.size());
        for (int i = 0; i < parsed.size(); i++) {
            PracticeEvent e = parsed.get(i);
            Status status = byIndex.getOrDefault(i, ours.contains(e.eventId()) ? Status.ACCEPTED : Status.DUPLICATE);
            results.add(new Result(e.eventId().toString(), status));
        }
        return results;
    }

    private static Throwable failure(CompletableFuture<Void> ack) {
        try {
            ack.join();
            return null;
        } catch (java.util.concurrent.CompletionException e) {
            return e.getCause();
        }
    }
}
