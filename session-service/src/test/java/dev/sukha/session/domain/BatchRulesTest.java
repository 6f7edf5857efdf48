package dev.sukha.session.domain;

import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class BatchRulesTest {

    private static final String ANA = "ana";
    private static final OffsetDateTime T = OffsetDateTime.parse("2026-11-20T08:00:00+01:00");
    private static final RoutineVersions UPPER_BACK = new RoutineVersions("upper-back", Map.of(1, 9, 2, 10));
    private final UUID session = UUID.randomUUID();

    private static BatchRules.Known known(Map<UUID, RecordedEvent> events, Map<UUID, SessionState> sessions) {
        return new BatchRules.Known(events, sessions,
                id -> id.equals("upper-back") ? Optional.of(UPPER_BACK) : Optional.empty());
    }

    private static final BatchRules.Known NOTHING = known(Map.of(), Map.of());

    private PracticeEvent start(Integer version) {
        return new PracticeEvent(UUID.randomUUID(), EventType.SESSION_STARTED, session, T, "upper-back", version,
                "Europe/Paris", null, Map.of("neck", 5));
    }

    private PracticeEvent pose(EventType type, int step) {
        return new PracticeEvent(UUID.randomUUID(), type, session, T.plusMinutes(step), null, null, null, step, null);
    }

    private PracticeEvent end(EventType type) {
        return new PracticeEvent(UUID.randomUUID(), type, session, T.plusMinutes(20), null, null, null, null, Map.of("neck", 2));
    }

    private static BatchRules.Verdict judge(BatchRules.Known known, PracticeEvent... events) {
        return BatchRules.judge(ANA, new ArrayList<>(Arrays.asList(events)), known);
    }

    private SessionState recordedSession(String owner, UUID startId, UUID endId) {
        return new SessionState(session, owner, "upper-back", 2, 10, "Europe/Paris", startId, endId, endId != null);
    }

    @Test
    void everyEventOfANewSessionCarriesItsStart() {
        BatchRules.Verdict v = judge(NOTHING, pose(EventType.POSE_COMPLETED, 1), start(1));
        assertThat(v.judged()).extracting(j -> j.context().startedAt()).containsOnly(T);
    }

    @Test
    void aSessionHoldsAtMostAThousandEvents() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < SessionState.MAX_EVENTS - 1; i++) {
            ids.add(UUID.randomUUID().toString());
        }
        SessionState busy = new SessionState(session, ANA, "upper-back", 2, 10, "Europe/Paris", T, UUID.randomUUID(), null,
                null, null, true, false, ids);
        BatchRules.Known known = known(Map.of(), Map.of(session, busy));
        assertThat(judge(known, pose(EventType.POSE_STARTED, 1)).ok()).isTrue();
        BatchRules.Verdict over = judge(known, pose(EventType.POSE_STARTED, 1), pose(EventType.POSE_COMPLETED, 1));
        assertThat(over.errors()).extracting(FieldError::field).containsOnly("sessionId");
        assertThat(over.errors().get(0).message()).contains("1000");
    }

    @Test
    void orderInsideABatchDoesNotMatter() {
        PracticeEvent start = start(null);
        BatchRules.Verdict v = judge(NOTHING, end(EventType.SESSION_COMPLETED), pose(EventType.POSE_COMPLETED, 0), start);
        assertThat(v.ok()).isTrue();
        assertThat(v.judged()).extracting(BatchRules.Judged::outcome).containsOnly(BatchRules.Outcome.ACCEPTED);
        // Latest version resolved when none is given, and carried by every event of the session.
        assertThat(v.judged()).extracting(j -> j.context().routineVersion()).containsOnly(2);
        assertThat(v.judged()).extracting(j -> j.context().stepCount()).containsOnly(10);
    }

    @Test
    void anEventWithoutAKnownStartIsRefused() {
        BatchRules.Verdict v = judge(NOTHING, pose(EventType.POSE_STARTED, 0));
        assertThat(v.errors()).extracting(FieldError::field).containsExactly("sessionId");
    }

    @Test
    void stepMustBeWithinTheVersionsSteps() {
        PracticeEvent s = start(1);
        assertThat(judge(NOTHING, s, pose(EventType.POSE_SKIPPED, 8)).ok()).isTrue();
        assertThat(judge(NOTHING, s, pose(EventType.POSE_SKIPPED, 9)).errors())
                .singleElement().satisfies(e -> {
                    assertThat(e.index()).isEqualTo(1);
                    assertThat(e.field()).isEqualTo("step");
                    assertThat(e.message()).contains("0 to 8");
                });
    }

    @Test
    void unknownRoutineOrVersionIsRefused() {
        PracticeEvent unknownRoutine = new PracticeEvent(UUID.randomUUID(), EventType.SESSION_STARTED, session, T,
                "nope", null, "UTC", null, null);
        assertThat(judge(NOTHING, unknownRoutine).errors()).extracting(FieldError::field).containsExactly("routineId");
        assertThat(judge(NOTHING, start(3)).errors()).extracting(FieldError::field).containsExactly("routineVersion");
    }

    @Test
    void anIdenticalResendIsADuplicateAndDifferentContentIsAnError() {
        PracticeEvent s = start(null);
        var recorded = Map.of(s.eventId(), new RecordedEvent(s.eventId(), ANA, s.fingerprint()::equals));
        var sessions = Map.of(session, recordedSession(ANA, s.eventId(), null));
        BatchRules.Verdict again = judge(known(recorded, sessions), s);
        assertThat(again.ok()).isTrue();
        assertThat(again.judged()).extracting(BatchRules.Judged::outcome).containsExactly(BatchRules.Outcome.DUPLICATE);

        PracticeEvent changed = new PracticeEvent(s.eventId(), s.type(), s.sessionId(), s.occurredAt(), s.routineId(),
                s.routineVersion(), s.zone(), null, Map.of("neck", 4));
        assertThat(judge(known(recorded, sessions), changed).errors()).extracting(FieldError::field).containsExactly("eventId");
    }

    @Test
    void aStartResentWithTheVersionItsOmissionResolvedToIsADuplicateAndAnyOtherVersionIsNot() {
        PracticeEvent s = start(null);
        var recorded = Map.of(s.eventId(), new RecordedEvent(s.eventId(), ANA, s.fingerprint()::equals));
        // The session resolved "latest" to version 2 when it started.
        var sessions = Map.of(session, recordedSession(ANA, s.eventId(), null));
        assertThat(judge(known(recorded, sessions), s.withRoutineVersion(2)).judged())
                .extracting(BatchRules.Judged::outcome).containsExactly(BatchRules.Outcome.DUPLICATE);
        assertThat(judge(known(recorded, sessions), s.withRoutineVersion(1)).errors())
                .extracting(FieldError::field).containsExactly("eventId");
        // A start sent with a version is not the same as one sent without it.
        PracticeEvent given = start(2);
        var recordedGiven = Map.of(given.eventId(), new RecordedEvent(given.eventId(), ANA, given.fingerprint()::equals));
        var sessionsGiven = Map.of(session, recordedSession(ANA, given.eventId(), null));
        assertThat(judge(known(recordedGiven, sessionsGiven), given.withRoutineVersion(null)).errors())
                .extracting(FieldError::field).containsExactly("eventId");
    }

    @Test
    void aRepeatInsideTheBatchIsADuplicate() {
        PracticeEvent s = start(null);
        BatchRules.Verdict v = judge(NOTHING, s, s);
        assertThat(v.judged()).extracting(BatchRules.Judged::outcome)
                .containsExactly(BatchRules.Outcome.ACCEPTED, BatchRules.Outcome.DUPLICATE);
    }

    @Test
    void anotherUsersSessionIsForbidden() {
        var sessions = Map.of(session, recordedSession("bob", UUID.randomUUID(), null));
        BatchRules.Verdict v = judge(known(Map.of(), sessions), pose(EventType.POSE_STARTED, 1));
        assertThat(v.forbidden()).isTrue();
        assertThat(v.errors()).isEmpty();
    }

    @Test
    void nothingAfterARecordedEnd() {
        var sessions = Map.of(session, recordedSession(ANA, UUID.randomUUID(), UUID.randomUUID()));
        BatchRules.Verdict v = judge(known(Map.of(), sessions), pose(EventType.POSE_COMPLETED, 1), end(EventType.SESSION_ABANDONED));
        assertThat(v.errors()).extracting(FieldError::index).containsExactly(0, 1);
    }

    @Test
    void aPoseClaimedBeforeTheEndWasRecordedIsNotAfterTheEnd() {
        // An earlier request claimed the pose and the end; Kafka acknowledged the end but not the pose.
        PracticeEvent pose = pose(EventType.POSE_COMPLETED, 1);
        var sessions = Map.of(session, recordedSession(ANA, UUID.randomUUID(), UUID.randomUUID()));
        var claimedEarlier = new BatchRules.Known(Map.of(), sessions,
                id -> Optional.of(UPPER_BACK), java.util.Set.of(pose.eventId()));
        assertThat(judge(claimedEarlier, pose).ok()).isTrue();
        assertThat(judge(known(Map.of(), sessions), pose).errors()).extracting(FieldError::message)
                .containsExactly("this session has already ended");
    }

    @Test
    void aRetryOfTheEventThatClaimedTheEndPasses() {
        PracticeEvent end = end(EventType.SESSION_COMPLETED);
        var sessions = Map.of(session, recordedSession(ANA, UUID.randomUUID(), end.eventId()));
        assertThat(judge(known(Map.of(), sessions), end).ok()).isTrue();
    }

    @Test
    void aRetryAfterAFailedAttemptPassesWhileItsEndIsOnlyClaimed() {
        PracticeEvent start = start(null);
        PracticeEvent pose = pose(EventType.POSE_COMPLETED, 1);
        PracticeEvent end = end(EventType.SESSION_COMPLETED);
        var claimedOnly = Map.of(session, new SessionState(session, ANA, "upper-back", 2, 10, "UTC",
                start.eventId(), end.eventId(), false));
        assertThat(judge(known(Map.of(), claimedOnly), start, pose, end).ok()).isTrue();
    }

    @Test
    void aSecondStartOfAnEndedSessionSaysItWasStarted() {
        var sessions = Map.of(session, recordedSession(ANA, UUID.randomUUID(), UUID.randomUUID()));
        assertThat(judge(known(Map.of(), sessions), start(null)).errors()).extracting(FieldError::message)
                .containsExactly("this session was already started");
    }

    @Test
    void oneStartAndOneEndPerSession() {
        BatchRules.Verdict two = judge(NOTHING, start(null), start(null));
        assertThat(two.errors()).extracting(FieldError::index).containsExactly(1);
        var sessions = Map.of(session, recordedSession(ANA, UUID.randomUUID(), null));
        assertThat(judge(known(Map.of(), sessions), start(null)).errors()).extracting(FieldError::message)
                .containsExactly("this session was already started");
        BatchRules.Verdict twoEnds = judge(NOTHING, start(null), end(EventType.SESSION_COMPLETED), end(EventType.SESSION_ABANDONED));
        assertThat(twoEnds.errors()).extracting(FieldError::index).containsExactly(2);
    }

    @Test
    void unparseableEventsAreSkippedHereButTheRestIsStillJudged() {
        List<PracticeEvent> events = new ArrayList<>();
        events.add(null);
        events.add(pose(EventType.POSE_STARTED, 0));
        BatchRules.Verdict v = BatchRules.judge(ANA, events, NOTHING);
        assertThat(v.errors()).extracting(FieldError::index).containsExactly(1);
    }
}
