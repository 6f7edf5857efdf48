package dev.sukha.session.usecase;

import dev.sukha.session.domain.BatchRules;
import dev.sukha.session.domain.EventType;
import dev.sukha.session.domain.FieldError;
import dev.sukha.session.domain.PracticeEvent;
import dev.sukha.session.domain.SessionContext;
import dev.sukha.session.domain.SessionState;
import dev.sukha.platform.sealing.Gcm;
import dev.sukha.platform.sealing.SealedValues;
import dev.sukha.session.store.EventClaims;
import dev.sukha.session.store.SessionStore;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/** The decisions of each ingest step, without a store or a broker. */
class IngestTest {

    private static final String ANA = "ana";
    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
    /** Ana's stored-value sealer: claims keep a digest of their content under it. */
    private static final SealedValues VALUES = SealedValues.of(Gcm.newKey());
    private static final Duration LEASE = Duration.ofSeconds(45);
    private static final OffsetDateTime T = OffsetDateTime.parse("2026-11-25T08:00:00+01:00");
    private final UUID session = UUID.randomUUID();
    private final SessionContext context = new SessionContext(ANA, "upper-back", 1, 4, "UTC", T);

    private PracticeEvent event(EventType type, Integer step) {
        return new PracticeEvent(UUID.randomUUID(), type, session, T, type == EventType.SESSION_STARTED ? "upper-back" : null,
                null, type == EventType.SESSION_STARTED ? "UTC" : null, step, null);
    }

    private static EventClaims.Claim claim(PracticeEvent e, String user, String state, String holder, Instant at) {
        return new EventClaims.Claim(e.eventId(), user, EventClaims.digest(VALUES, e.eventId(), e.fingerprint()), true, state,
                holder, at);
    }

    // ---- claim: an id another request holds --------------------------------------------------------

    @Test
    void aHeldEventIsADuplicateOnceRecordedAndAConflictWithOtherContentOrAnotherUser() {
        PracticeEvent e = event(EventType.POSE_COMPLETED, 1);
        assertThat(Ingest.held(claim(e, ANA, EventClaims.PENDING, "h", NOW), true, ANA, e, VALUES, NOW, LEASE, false))
                .isEqualTo(Ingest.Held.DUPLICATE);
        assertThat(Ingest.held(claim(e, "bob", EventClaims.PENDING, "h", NOW), true, ANA, e, VALUES, NOW, LEASE, false))
                .isEqualTo(Ingest.Held.CONFLICT);
        PracticeEvent other = new PracticeEvent(e.eventId(), e.type(), e.sessionId(), e.occurredAt(), null, null, null, 2, null);
        assertThat(Ingest.held(claim(other, ANA, EventClaims.PENDING, "h", NOW), false, ANA, e, VALUES, NOW, LEASE, false))
                .isEqualTo(Ingest.Held.CONFLICT);
    }

    @Test
    void aClaimIsRecordedWhenItsSessionListsItOrWhenItWasMarkedBeforeSessionsAloneSaidSo() {
        PracticeEvent e = event(EventType.POSE_COMPLETED, 1);
        SessionState listing = new SessionState(session, ANA, "upper-back", 1, 4, "UTC", T, UUID.randomUUID(), null, null, null,
                true, false, List.of(UUID.randomUUID().toString(), e.eventId().toString()));
        SessionState without = new SessionState(session, ANA, "upper-back", 1, 4, "UTC", T, UUID.randomUUID(), null, null, null,
                true, false, List.of(UUID.randomUUID().toString()));
        assertThat(claim(e, ANA, EventClaims.PENDING, "h", NOW).recordedIn(listing)).isTrue();
        assertThat(claim(e, ANA, EventClaims.PENDING, "h", NOW).recordedIn(without)).isFalse();
        assertThat(claim(e, ANA, EventClaims.PENDING, "h", NOW).recordedIn(null)).isFalse();
        assertThat(claim(e, ANA, EventClaims.RECORDED, null, NOW).recordedIn(null)).isTrue();
        // Recorded, its holder gone long ago: never taken over (that would put it on the topic twice).
        assertThat(Ingest.held(claim(e, ANA, EventClaims.PENDING, "h", NOW.minusSeconds(3600)), true, ANA, e, VALUES, NOW, LEASE,
                false)).isEqualTo(Ingest.Held.DUPLICATE);
    }

    @Test
    void aHeldEventIsWaitedForUntilItsHolderLetsGoOrItsLeaseRunsOut() {
        PracticeEvent e = event(EventType.POSE_COMPLETED, 1);
        assertThat(Ingest.held(claim(e, ANA, EventClaims.PENDING, "h", NOW.minusSeconds(10)), false, ANA, e, VALUES, NOW, LEASE, false))
                .isEqualTo(Ingest.Held.WAIT);
        assertThat(Ingest.held(claim(e, ANA, EventClaims.PENDING, null, NOW.minusSeconds(10)), false, ANA, e, VALUES, NOW, LEASE, false))
                .isEqualTo(Ingest.Held.TAKE_OVER);
        assertThat(Ingest.held(claim(e, ANA, EventClaims.PENDING, "h", NOW.minusSeconds(46)), false, ANA, e, VALUES, NOW, LEASE, false))
                .isEqualTo(Ingest.Held.TAKE_OVER);
        // Never taken over while this instance still waits for Kafka's answer for it: that would send it twice.
        assertThat(Ingest.held(claim(e, ANA, EventClaims.PENDING, "h", NOW.minusSeconds(46)), false, ANA, e, VALUES, NOW, LEASE, true))
                .isEqualTo(Ingest.Held.WAIT);
    }

    // ---- claim: a session's start or end another request got in first ------------------------------

    private Map<UUID, BatchRules.Judged> fresh(PracticeEvent... events) {
        List<BatchRules.Judged> judged = new ArrayList<>();
        for (int i = 0; i < events.length; i++) {
            judged.add(new BatchRules.Judged(i, events[i], BatchRules.Outcome.ACCEPTED, context));
        }
        return Ingest.fresh(new BatchRules.Verdict(false, List.of(), judged));
    }

    private SessionState state(String owner, UUID start, UUID end) {
        return new SessionState(session, owner, "upper-back", 1, 4, "UTC", T, start, end, null, null, false, false, List.of());
    }

    @Test
    void aStartOrEndThatLostTheRaceIsAnErrorAndAnotherOwnersStartIsForbidden() {
        PracticeEvent start = event(EventType.SESSION_STARTED, null);
        PracticeEvent end = event(EventType.SESSION_COMPLETED, null);
        Map<UUID, BatchRules.Judged> fresh = fresh(start, end);
        Set<UUID> ours = new LinkedHashSet<>(fresh.keySet());

        assertThat(Ingest.raceErrors(fresh, ours, Map.of(session, state(ANA, start.eventId(), end.eventId())))).isEmpty();
        assertThat(Ingest.raceLost(ANA, fresh, ours, Map.of(session, state(ANA, start.eventId(), end.eventId())))).isFalse();

        List<FieldError> lost = Ingest.raceErrors(fresh, ours, Map.of(session, state(ANA, UUID.randomUUID(), UUID.randomUUID())));
        assertThat(lost).extracting(FieldError::index).containsExactly(0, 1);
        assertThat(lost).extracting(FieldError::message)
                .containsExactly("this session was already started", "this session has already ended");
        assertThat(Ingest.raceLost(ANA, fresh, ours, Map.of(session, state("bob", UUID.randomUUID(), null)))).isTrue();
        // There, but not to be opened (sealed under this person's key erased since): already started, not a crash.
        assertThat(Ingest.raceLost(ANA, fresh, ours, Map.of())).isFalse();
        assertThat(Ingest.raceErrors(fresh, ours, Map.of())).extracting(FieldError::message)
                .containsExactly("this session was already started", "this session has already ended");
    }

    // ---- settle --------------------------------------------------------------------------------------

    @Test
    void eachSentEventIsSettledByItsOwnAcknowledgement() {
        List<UUID> sent = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
        CompletableFuture<Void> onItsWay = new CompletableFuture<>();
        Ingest.Settlement s = Ingest.settlement(sent, List.of(CompletableFuture.completedFuture(null),
                CompletableFuture.failedFuture(new IllegalStateException("refused")), onItsWay));
        assertThat(s.acknowledged()).containsExactly(sent.get(0));
        assertThat(s.refused()).containsExactly(sent.get(1));
        assertThat(s.onTheirWay()).containsOnlyKeys(sent.get(2));
        assertThat(s.complete()).isFalse();
        assertThat(Ingest.settlement(sent.subList(0, 1), List.of(CompletableFuture.completedFuture(null))).complete()).isTrue();
    }

    @Test
    void sessionMarksSayWhichEventsAndWhetherTheStartOrEndIsAmongThem() {
        PracticeEvent start = event(EventType.SESSION_STARTED, null);
        PracticeEvent pose = event(EventType.POSE_COMPLETED, 0);
        PracticeEvent end = event(EventType.SESSION_ABANDONED, null);
        Map<UUID, BatchRules.Judged> fresh = fresh(start, pose, end);
        List<SessionStore.Recorded> marks = Ingest.sessionMarks(new LinkedHashSet<>(List.of(pose.eventId(), end.eventId())), fresh);
        assertThat(marks).singleElement().satisfies(m -> {
            assertThat(m.eventIds()).containsExactlyInAnyOrder(pose.eventId(), end.eventId());
            assertThat(m.start()).isFalse();
            assertThat(m.end()).isTrue();
        });
    }

    @Test
    void resultsAreInTheRequestsOrderAndWhatAnotherRequestSentIsADuplicate() {
        PracticeEvent a = event(EventType.POSE_COMPLETED, 0);
        PracticeEvent b = event(EventType.POSE_COMPLETED, 1);
        PracticeEvent c = event(EventType.POSE_COMPLETED, 2);
        BatchRules.Verdict verdict = new BatchRules.Verdict(false, List.of(), List.of(
                new BatchRules.Judged(0, a, BatchRules.Outcome.ACCEPTED, context),
                new BatchRules.Judged(1, b, BatchRules.Outcome.DUPLICATE, null),
                new BatchRules.Judged(2, c, BatchRules.Outcome.ACCEPTED, context)));
        // c's id was held by a concurrent resend, which recorded it: not sent here.
        List<Ingest.Result> results = Ingest.results(List.of(a, b, c), verdict, Set.of(a.eventId()));
        assertThat(results).extracting(Ingest.Result::status)
                .containsExactly(Ingest.Status.ACCEPTED, Ingest.Status.DUPLICATE, Ingest.Status.DUPLICATE);
        assertThat(results).extracting(Ingest.Result::eventId)
                .containsExactly(a.eventId().toString(), b.eventId().toString(), c.eventId().toString());
    }
}
