package dev.sukha.insights.domain;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class NextSessionTest {

    private static final LocalDate START = LocalDate.of(2026, 11, 2);
    private static final Instant STARTED = START.atTime(7, 0).toInstant(ZoneOffset.UTC);

    private static final RoutinePlan SHORT_CHAIR = new RoutinePlan("short-chair", 1, "Short, chair", 5, List.of("chair"),
            List.of(new RoutinePlan.Step("neck-side-stretch", "left"), new RoutinePlan.Step("neck-side-stretch", "right"),
                    new RoutinePlan.Step("chin-tucks", "none")));
    private static final RoutinePlan MAT = new RoutinePlan("mat", 1, "On the mat", 10, List.of("mat"),
            List.of(new RoutinePlan.Step("thread-the-needle", "left"), new RoutinePlan.Step("thread-the-needle", "right")));
    private static final RoutinePlan LONG_MAT = new RoutinePlan("long-mat", 1, "Long, mat", 30, List.of("mat"),
            List.of(new RoutinePlan.Step("cobra", "none")));
    private static final Map<String, RoutinePlan> PLANS = Map.of("short-chair", SHORT_CHAIR, "mat", MAT, "long-mat", LONG_MAT);

    private static final ProgrammePlan PROGRAMME = new ProgrammePlan("neck", 1, "Neck", List.of("neck", "shoulders"), List.of(
            new ProgrammePlan.Stage(1, "Settle", List.of("short-chair", "mat"),
                    Map.of("neck-side-stretch", ProgrammePlan.Variant.GENTLER, "thread-the-needle", ProgrammePlan.Variant.GENTLER)),
            new ProgrammePlan.Stage(2, "Loosen", List.of("short-chair", "mat", "long-mat"), Map.of()),
            new ProgrammePlan.Stage(3, "Open", List.of("long-mat", "mat"), Map.of())));

    private static Intake intake(Set<Space> spaces, int minutes, Set<RedFlag> flags) {
        return new Intake(Set.of(BodyArea.NECK), Map.of(BodyArea.NECK, 5), Intake.Duration.WEEKS_6_TO_12, spaces, minutes, 3,
                flags, START);
    }

    private static NextSession.Inputs inputs(Intake intake, List<SessionFacts> sessions, List<Pause> pauses,
                                             List<NextSession.ActiveAlert> alerts) {
        return new NextSession.Inputs(SafetyScreen.of(intake, null), intake,
                new NextSession.Enrolment("neck", STARTED, START, 1), PROGRAMME, PLANS, sessions, pauses, alerts);
    }

    private static NextSession.Answer next(List<SessionFacts> sessions) {
        return NextSession.of(inputs(intake(Set.of(Space.CHAIR, Space.MAT), 10, Set.of()), sessions, List.of(), List.of()));
    }

    /** A session on day {@code day} after the start, at 08:00 UTC, with pain before and after and how each step felt. */
    private static SessionFacts session(String id, int day, String end, Integer before, Integer after, Map<Integer, StepFeel> feels) {
        OffsetDateTime at = START.plusDays(day).atTime(8, 0).atOffset(ZoneOffset.UTC);
        return new SessionFacts(id, "short-chair", 1, 3, "UTC", at, end, end == null ? null : at.plusMinutes(6),
                before == null ? null : Map.of("neck", before), after == null ? null : Map.of("neck", after),
                Set.of(0, 1, 2), Set.of(), feels);
    }

    private static SessionFacts good(String id, int day) {
        return session(id, day, SessionFacts.COMPLETED, 5, 3, Map.of(0, new StepFeel("neck-side-stretch", "left", "Hand on the head", 2, null)));
    }

    @Test
    void aNewPersonsFirstSuggestionFitsTheirPlacesAndMinutes() {
        NextSession.Answer chairOnly = NextSession.of(inputs(intake(Set.of(Space.CHAIR), 5, Set.of()), List.of(), List.of(), List.of()));
        assertThat(chairOnly.status()).isEqualTo(NextSession.Status.PRACTISE);
        assertThat(chairOnly.routine().id()).isEqualTo("short-chair");
        assertThat(chairOnly.programme().stage()).isEqualTo(1);
        assertThat(chairOnly.steps()).extracting(NextSession.Step::variant).containsExactly(
                ProgrammePlan.Variant.GENTLER, ProgrammePlan.Variant.GENTLER, ProgrammePlan.Variant.FULL);
        NextSession.Answer matOnly = NextSession.of(inputs(intake(Set.of(Space.MAT), 10, Set.of()), List.of(), List.of(), List.of()));
        assertThat(matOnly.routine().id()).isEqualTo("mat");
        NextSession.Answer bedOnly = NextSession.of(inputs(intake(Set.of(Space.BED), 30, Set.of()), List.of(), List.of(), List.of()));
        assertThat(bedOnly.routine()).isNull();
        assertThat(bedOnly.reasons()).anyMatch(r -> r.contains("No routine of this stage fits"));
    }

    @Test
    void threeGoodSessionsWithinFourteenDaysStepUp() {
        NextSession.Answer after = next(List.of(good("a", 0), good("b", 3), good("c", 6)));
        assertThat(after.programme().stage()).isEqualTo(2);
        assertThat(after.programme().sessionsAtStage()).isZero();
        assertThat(after.reasons().get(0)).contains("Moved up to stage 2");
        // Spread over more than 14 days they do not.
        assertThat(next(List.of(good("a", 0), good("b", 10), good("c", 15))).programme().stage()).isEqualTo(1);
    }

    @Test
    void aSessionWorseAfterOrAPoseAboveFiveHoldsTheStage() {
        SessionFacts worse = session("w", 3, SessionFacts.COMPLETED, 4, 5, Map.of());
        assertThat(next(List.of(good("a", 0), worse, good("c", 6))).programme().stage()).isEqualTo(1);
        SessionFacts hard = session("h", 3, SessionFacts.COMPLETED, 4, 4, Map.of(2, new StepFeel("chin-tucks", "none", null, 6, null)));
        assertThat(next(List.of(good("a", 0), hard, good("c", 6))).programme().stage()).isEqualTo(1);
    }

    @Test
    void twoSessionsInARowWorseByTwoStepBack() {
        List<SessionFacts> up = List.of(good("a", 0), good("b", 1), good("c", 2));
        List<SessionFacts> then = new ArrayList<>(up);
        then.add(session("d", 4, SessionFacts.COMPLETED, 3, 5, Map.of()));
        then.add(session("e", 5, SessionFacts.ABANDONED, 3, 6, Map.of()));
        NextSession.Answer back = next(then);
        assertThat(back.programme().stage()).isEqualTo(1);
        assertThat(back.reasons().get(0)).contains("Stepped back to stage 1");
    }

    @Test
    void aPainWorseningAlertOrAFlarePauseStepsBack() {
        List<SessionFacts> up = List.of(good("a", 0), good("b", 1), good("c", 2));
        Intake intake = intake(Set.of(Space.CHAIR, Space.MAT), 10, Set.of());
        NextSession.Answer alert = NextSession.of(inputs(intake, up, List.of(),
                List.of(new NextSession.ActiveAlert(PainAlert.PAIN_WORSENING, START.plusDays(5), null))));
        assertThat(alert.programme().stage()).isEqualTo(1);
        NextSession.Answer flare = NextSession.of(inputs(intake, up,
                List.of(new Pause("p", START.plusDays(4), START.plusDays(6), "flare")), List.of()));
        assertThat(flare.programme().stage()).isEqualTo(1);
        assertThat(flare.reasons().get(0)).contains("flare");
        NextSession.Answer travel = NextSession.of(inputs(intake, up,
                List.of(new Pause("p", START.plusDays(4), START.plusDays(6), "travel")), List.of()));
        assertThat(travel.programme().stage()).isEqualTo(2);
    }

    @Test
    void aGentlerOptionDoneThreeTimesEasilyIsFullNextTimeOnThatSideOnly() {
        Map<Integer, StepFeel> leftEasy = Map.of(0, new StepFeel("neck-side-stretch", "left", "Hand on the head", 2, null),
                1, new StepFeel("neck-side-stretch", "right", "Hand on the head", 5, null));
        List<SessionFacts> sessions = List.of(session("a", 0, SessionFacts.ABANDONED, null, null, leftEasy),
                session("b", 1, SessionFacts.ABANDONED, null, null, leftEasy), session("c", 2, SessionFacts.ABANDONED, null, null, leftEasy));
        NextSession.Answer a = next(sessions);
        assertThat(a.programme().stage()).isEqualTo(1);
        assertThat(a.routine().id()).isEqualTo("mat"); // the stage's routines take turns: the fourth session's is the second
        NextSession.Answer chair = NextSession.of(inputs(intake(Set.of(Space.CHAIR), 5, Set.of()), sessions, List.of(), List.of()));
        assertThat(chair.steps()).extracting(NextSession.Step::variant).containsExactly(
                ProgrammePlan.Variant.FULL, ProgrammePlan.Variant.GENTLER, ProgrammePlan.Variant.FULL);
        assertThat(chair.reasons()).anyMatch(r -> r.contains("neck-side-stretch (left)"));
    }

    @Test
    void aPoseRatedSevenOrUnderAnAlertIsGentlerOnThatSide() {
        Map<Integer, StepFeel> rightHurt = Map.of(1, new StepFeel("neck-side-stretch", "right", null, 7, null),
                2, new StepFeel("chin-tucks", "none", null, 1, null));
        Intake chair = intake(Set.of(Space.CHAIR), 5, Set.of());
        // At stage 2 every pose starts in full; the right side rated 7 comes back gentler.
        NextSession.Inputs in = new NextSession.Inputs(SafetyScreen.of(chair, null), chair,
                new NextSession.Enrolment("neck", STARTED, START, 2), PROGRAMME, PLANS,
                List.of(session("a", 0, SessionFacts.ABANDONED, null, null, rightHurt)), List.of(),
                List.of(new NextSession.ActiveAlert(PosePain.POSE_PAIN, START, "chin-tucks")));
        assertThat(NextSession.of(in).steps()).extracting(NextSession.Step::variant).containsExactly(
                ProgrammePlan.Variant.FULL, ProgrammePlan.Variant.GENTLER, ProgrammePlan.Variant.GENTLER);
    }

    @Test
    void noPracticeIsOfferedWhileTheSafetyScreenSaysNot() {
        Intake urgent = intake(Set.of(Space.CHAIR), 10, Set.of(RedFlag.CHEST_PAIN));
        NextSession.Answer a = NextSession.of(inputs(urgent, List.of(good("a", 0)), List.of(), List.of()));
        assertThat(a.status()).isEqualTo(NextSession.Status.URGENT_CARE);
        assertThat(a.routine()).isNull();
        assertThat(a.steps()).isEmpty();
        Intake trauma = intake(Set.of(Space.CHAIR), 10, Set.of(RedFlag.TRAUMA));
        assertThat(NextSession.of(inputs(trauma, List.of(), List.of(), List.of())).status()).isEqualTo(NextSession.Status.SEE_CLINICIAN);
    }

    @Test
    void theStartingStageAndTheBestMatch() {
        Intake mild = new Intake(Set.of(BodyArea.NECK), Map.of(BodyArea.NECK, 3), Intake.Duration.OVER_12_WEEKS, Set.of(Space.MAT),
                10, 3, Set.of(), START);
        assertThat(NextSession.startingStage(mild, PROGRAMME)).isEqualTo(2);
        Intake recent = new Intake(Set.of(BodyArea.NECK), Map.of(BodyArea.NECK, 3), Intake.Duration.UNDER_6_WEEKS, Set.of(Space.MAT),
                10, 3, Set.of(), START);
        assertThat(NextSession.startingStage(recent, PROGRAMME)).isEqualTo(1);
        ProgrammePlan lower = new ProgrammePlan("lower", 1, "Lower", List.of("lower_back", "hips"), PROGRAMME.stages());
        Intake back = new Intake(Set.of(BodyArea.LOWER_BACK, BodyArea.NECK), Map.of(BodyArea.LOWER_BACK, 7, BodyArea.NECK, 2),
                Intake.Duration.UNDER_6_WEEKS, Set.of(Space.MAT), 10, 3, Set.of(), START);
        assertThat(NextSession.bestMatch(back, List.of(PROGRAMME, lower))).map(ProgrammePlan::id).contains("lower");
        Intake feet = new Intake(Set.of(BodyArea.FEET), Map.of(BodyArea.FEET, 2), Intake.Duration.UNDER_6_WEEKS, Set.of(Space.MAT),
                10, 3, Set.of(), START);
        assertThat(NextSession.bestMatch(feet, List.of(PROGRAMME, lower))).isEmpty();
    }

    // ---- properties -------------------------------------------------------------------------------------------------

    /** Up to 25 sessions over six weeks; ratings of the stretch often low on its gentler option, sometimes 7 or more. */
    @Provide
    Arbitrary<List<SessionFacts>> histories() {
        Arbitrary<Integer> discomfort = Arbitraries.frequencyOf(Tuple.of(5, Arbitraries.integers().between(0, 3)),
                Tuple.of(2, Arbitraries.integers().between(4, 6)), Tuple.of(2, Arbitraries.integers().between(7, 10)));
        Arbitrary<Map<Integer, StepFeel>> feels = Combinators.combine(discomfort.injectNull(0.2), Arbitraries.of("left", "right"),
                        Arbitraries.integers().between(0, 9))
                .as((d, side, g) -> d == null ? Map.<Integer, StepFeel>of() : Map.of(side.equals("left") ? 0 : 1,
                        new StepFeel("neck-side-stretch", side, g < 7 ? "Hand on the head" : null, d, null)));
        Arbitrary<SessionFacts> one = Combinators.combine(Arbitraries.integers().between(0, 40), Arbitraries.of(SessionFacts.COMPLETED,
                        SessionFacts.ABANDONED), Arbitraries.integers().between(0, 10).injectNull(0.3),
                Arbitraries.integers().between(0, 10).injectNull(0.3), feels, Arbitraries.strings().withCharRange('a', 'z').ofLength(6))
                .as((day, end, before, after, felt, id) -> session(id, day, end, before, after, felt));
        return one.list().ofMaxSize(25).uniqueElements(SessionFacts::sessionId);
    }

    @Provide
    Arbitrary<List<Pause>> pauses() {
        return Combinators.combine(Arbitraries.integers().between(0, 40), Arbitraries.of("flare", "illness", "travel"))
                .as((day, reason) -> new Pause("p" + day + reason, START.plusDays(day), START.plusDays(day + 2), reason))
                .list().ofMaxSize(3).uniqueElements(Pause::id);
    }

    @Provide
    Arbitrary<List<NextSession.ActiveAlert>> alerts() {
        return Combinators.combine(Arbitraries.integers().between(0, 40), Arbitraries.of(PainAlert.PAIN_WORSENING, PosePain.POSE_PAIN))
                .as((day, type) -> new NextSession.ActiveAlert(type, START.plusDays(day), type.equals(PosePain.POSE_PAIN) ? "chin-tucks" : null))
                .list().ofMaxSize(2);
    }

    @Provide
    Arbitrary<Intake> intakes() {
        // Mostly with a chair, so that the stretch's variants are in the answer.
        return Combinators.combine(Arbitraries.frequencyOf(Tuple.of(4, Arbitraries.just(Set.of(Space.CHAIR))),
                        Tuple.of(1, Arbitraries.subsetOf(Space.values()).ofMinSize(1))), Arbitraries.of(Intake.MINUTES),
                        Arbitraries.frequencyOf(Tuple.of(7, Arbitraries.just(Set.<RedFlag>of())),
                                Tuple.of(3, Arbitraries.subsetOf(RedFlag.values()).ofMaxSize(2))))
                .as((spaces, minutes, flags) -> intake(spaces, minutes, flags));
    }

    @Property(tries = 300)
    void theSameEventsInAnyOrderGiveTheSameAnswer(@ForAll("histories") List<SessionFacts> sessions, @ForAll("pauses") List<Pause> pauses,
                                                 @ForAll("alerts") List<NextSession.ActiveAlert> alerts, @ForAll("intakes") Intake intake,
                                                 @ForAll long seed) {
        List<SessionFacts> shuffled = new ArrayList<>(sessions);
        Collections.shuffle(shuffled, new Random(seed));
        List<Pause> shuffledPauses = new ArrayList<>(pauses);
        Collections.shuffle(shuffledPauses, new Random(seed + 1));
        assertThat(NextSession.of(inputs(intake, shuffled, shuffledPauses, alerts)))
                .isEqualTo(NextSession.of(inputs(intake, sessions, pauses, alerts)));
    }

    @Property(tries = 300)
    void neverOutsideThePlacesOrMinutesAndNeverWhenTheScreenSaysNot(@ForAll("histories") List<SessionFacts> sessions,
                                                                   @ForAll("intakes") Intake intake) {
        NextSession.Answer a = NextSession.of(inputs(intake, sessions, List.of(), List.of()));
        if (!SafetyScreen.of(intake, null).practiseAllowed()) {
            assertThat(a.status()).isNotEqualTo(NextSession.Status.PRACTISE);
            assertThat(a.routine()).isNull();
            assertThat(a.steps()).isEmpty();
        } else if (a.routine() != null) {
            assertThat(a.routine().minutes()).isLessThanOrEqualTo(intake.minutesPerDay());
            assertThat(a.routine().spaces()).anyMatch(s -> intake.spaces().stream().anyMatch(p -> p.wire().equals(s)));
            assertThat(PROGRAMME.stage(a.programme().stage()).routines()).contains(a.routine().id());
        }
    }

    /** A reference for the stage without the alert: never higher than the walk without step-ups after the alert's day. */
    @Property(tries = 300)
    void neverStepsUpWhileAnAlertIsActiveOrPainIsWorsening(@ForAll("histories") List<SessionFacts> sessions,
                                                           @ForAll("alerts") List<NextSession.ActiveAlert> alerts) {
        Intake intake = intake(Set.of(Space.CHAIR, Space.MAT), 30, Set.of());
        NextSession.Answer with = NextSession.of(inputs(intake, sessions, List.of(), alerts));
        LocalDate firstAlert = alerts.stream().map(NextSession.ActiveAlert::since).min(LocalDate::compareTo).orElse(null);
        if (firstAlert != null) {
            // Only the sessions up to the first alert's day (it is raised at that day's end) can have moved the stage up.
            List<SessionFacts> before = sessions.stream().filter(s -> !s.localDate().isAfter(firstAlert)).toList();
            int upTo = NextSession.of(inputs(intake, before, List.of(), List.of())).programme().stage();
            assertThat(with.programme().stage()).isLessThanOrEqualTo(upTo);
        }
        // Sessions all worse by two or more never move the stage up.
        List<SessionFacts> worsening = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (SessionFacts s : sessions) {
            if (seen.put(s.sessionId(), 1) == null) {
                worsening.add(session(s.sessionId(), (int) (s.localDate().toEpochDay() - START.toEpochDay()), SessionFacts.COMPLETED,
                        2, 5, Map.of()));
            }
        }
        assertThat(NextSession.of(inputs(intake, worsening, List.of(), List.of())).programme().stage()).isEqualTo(1);
    }
}
