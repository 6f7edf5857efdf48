package dev.sukha.insights.domain;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static dev.sukha.insights.domain.Sessions.felt;
import static dev.sukha.insights.domain.Sessions.rated;
import static dev.sukha.insights.domain.Sessions.skipped;
import static org.assertj.core.api.Assertions.assertThat;

class PosePainTest {

    private static final Map<String, String> NAMES = Map.of("thread", "Thread the needle");

    private static List<PainAlert> alerts(List<SessionFacts> sessions) {
        return History.of(sessions).alerts(NAMES::get);
    }

    private static SessionFacts day(int day, StepFeel... feels) {
        Map<Integer, StepFeel> byStep = new java.util.HashMap<>();
        for (int i = 0; i < feels.length; i++) {
            byStep.put(i, feels[i]);
        }
        return felt("2026-11-%02dT08:00:00Z".formatted(day), byStep);
    }

    @Test
    void ratedSevenOrMoreInTwoOfTheLastThreeRatings() {
        List<PainAlert> alerts = alerts(List.of(day(10, rated("thread", "left", 7)), day(11, rated("thread", "left", 3)),
                day(12, rated("thread", "left", 9))));
        assertThat(alerts).singleElement().satisfies(a -> {
            assertThat(a.type()).isEqualTo("POSE_PAIN");
            assertThat(a.since()).isEqualTo(LocalDate.parse("2026-11-10"));
            assertThat(a.reason()).isEqualTo("Thread the needle was rated 7 or more in 2 of its last 3 ratings.");
            assertThat(a.advice()).contains("\u201cGentler thread\u201d", "physiotherapist");
            // The pose by its id, for an app to start it on its gentler option.
            assertThat(a.pose()).isEqualTo("thread");
        });
    }

    @Test
    void painWorseningNamesNoPose() {
        assertThat(new PainAlert("PAIN_WORSENING", LocalDate.parse("2026-11-10"), "r", "a").pose()).isNull();
    }

    @Test
    void sixIsNotSevenAndOlderRatingsDoNotCount() {
        assertThat(alerts(List.of(day(10, rated("thread", "left", 6)), day(11, rated("thread", "left", 6)),
                day(12, rated("thread", "left", 7))))).isEmpty();
        assertThat(alerts(List.of(day(8, rated("thread", "left", 9)), day(9, rated("thread", "left", 9)),
                day(10, rated("thread", "left", 2)), day(11, rated("thread", "left", 2)), day(12, rated("thread", "left", 8)))))
                .isEmpty();
    }

    @Test
    void bothSidesOfOneSessionAreTwoRatings() {
        // The left and the right step of one session are two of the pose's ratings.
        assertThat(alerts(List.of(day(10, rated("thread", "left", 8), rated("thread", "right", 7)))))
                .extracting(PainAlert::type).containsExactly("POSE_PAIN");
    }

    @Test
    void skippedForPainInTwoOfTheLastThreeSessionsThatReachedIt() {
        List<PainAlert> alerts = alerts(List.of(day(10, skipped("thread", "left", "pain")), day(11, rated("thread", "left", 2)),
                day(12, rated("cat-cow", "none", 1)), day(13, rated("thread", "left", 3), skipped("thread", "right", "pain"))));
        assertThat(alerts).singleElement().satisfies(a -> {
            assertThat(a.since()).isEqualTo(LocalDate.parse("2026-11-10"));
            assertThat(a.reason()).isEqualTo("Thread the needle was skipped for pain in 2 of the last 3 sessions that reached it.");
        });
        // Skips for other reasons are not pain; sessions that did not reach the pose do not count.
        assertThat(alerts(List.of(day(10, skipped("thread", "left", "no_time")), day(11, skipped("thread", "left", "too_hard")),
                day(12, skipped("thread", "left", "pain"))))).isEmpty();
    }

    @Test
    void withoutAGentlerOptionTheAdviceSaysSoAndAnUnknownPoseIsNamedByItsId() {
        List<PainAlert> alerts = alerts(List.of(day(10, new StepFeel("neck-roll", "none", null, 8, null)),
                day(11, new StepFeel("neck-roll", "none", null, 8, null))));
        assertThat(alerts).singleElement().satisfies(a -> {
            assertThat(a.reason()).startsWith("neck-roll was rated");
            assertThat(a.advice()).contains("no gentler option");
        });
    }

    @Test
    void itJoinsPainWorseningAfterIt() {
        List<SessionFacts> sessions = new ArrayList<>();
        for (int d = 10; d < 13; d++) {
            SessionFacts s = day(d, rated("thread", "left", 8));
            sessions.add(new SessionFacts(s.sessionId(), s.routineId(), 1, 12, "UTC", s.startedAt(), s.end(), s.endedAt(),
                    Map.of("neck", 3), Map.of("neck", 6), s.completedSteps(), s.skippedSteps(), s.feels()));
        }
        assertThat(alerts(sessions)).extracting(PainAlert::type).containsExactly("PAIN_WORSENING", "POSE_PAIN");
    }

    @Test
    void theHistoryKeepsThreeRatingsAndThreeReachesPerPoseWhateverItsLength() {
        List<SessionFacts> sessions = new ArrayList<>();
        for (int d = 1; d <= 28; d++) {
            sessions.add(day(d, rated("thread", "left", d % 10), rated("thread", "right", 1), skipped("bridge", "none", "pain")));
        }
        History whole = History.of(sessions);
        assertThat(whole.poses().get("thread").ratings()).hasSize(3);
        assertThat(whole.poses().get("thread").reaches()).hasSize(3);
        // Week by week, merged in any order, is the same as all at once.
        List<History> weeks = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
            weeks.add(History.of(sessions.subList(w * 7, w * 7 + 7)));
        }
        Collections.reverse(weeks);
        assertThat(History.merge(weeks).poses()).isEqualTo(whole.poses());
        assertThat(whole.alerts(NAMES::get)).extracting(PainAlert::reason)
                .containsExactly("bridge was skipped for pain in 3 of the last 3 sessions that reached it.");
        // Only the alerting pose's name is needed.
        assertThat(PosePain.alerting(whole.poses())).containsExactly("bridge");
    }
}
