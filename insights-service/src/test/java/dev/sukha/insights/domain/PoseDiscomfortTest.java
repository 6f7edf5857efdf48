package dev.sukha.insights.domain;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.sukha.insights.domain.Sessions.felt;
import static dev.sukha.insights.domain.Sessions.rated;
import static dev.sukha.insights.domain.Sessions.skipped;
import static org.assertj.core.api.Assertions.assertThat;

class PoseDiscomfortTest {

    @Test
    void perPoseRatingsMeanAndSkipsForPainMostUncomfortableFirst() {
        List<SessionFacts> sessions = List.of(
                felt("2026-11-20T08:00:00Z", Map.of(0, rated("cat-cow", "none", 1), 1, rated("thread", "left", 6),
                        2, rated("thread", "right", 2))),
                felt("2026-11-21T08:00:00Z", Map.of(0, rated("cat-cow", "none", 2), 1, rated("thread", "left", 7),
                        2, skipped("thread", "right", "pain"))));
        List<PoseDiscomfort.Entry> entries = PoseDiscomfort.of(sessions, Map.of("thread", "Thread the needle"));
        assertThat(entries).extracting(PoseDiscomfort.Entry::pose).containsExactly("thread", "cat-cow");
        PoseDiscomfort.Entry thread = entries.get(0);
        assertThat(thread.name()).isEqualTo("Thread the needle");
        assertThat(thread.ratings()).isEqualTo(3);
        assertThat(thread.avgDiscomfort()).isEqualTo(5.0);
        assertThat(thread.skippedForPain()).isEqualTo(1);
        assertThat(thread.bySide().left()).isEqualTo(new PoseDiscomfort.Side(2, 6.5));
        assertThat(thread.bySide().right()).isEqualTo(new PoseDiscomfort.Side(1, 2.0));
        // A pose without sides counts for the pose only.
        PoseDiscomfort.Entry catCow = entries.get(1);
        assertThat(catCow.name()).isNull();
        assertThat(catCow.avgDiscomfort()).isEqualTo(1.5);
        assertThat(catCow.bySide().left()).isEqualTo(new PoseDiscomfort.Side(0, null));
        assertThat(catCow.bySide().right()).isEqualTo(new PoseDiscomfort.Side(0, null));
    }

    @Test
    void bothSidesCountForThePoseNotForLeftOrRight() {
        List<PoseDiscomfort.Entry> entries = PoseDiscomfort.of(List.of(
                felt("2026-11-20T08:00:00Z", Map.of(0, rated("twist", "both", 4)))), Map.of());
        assertThat(entries).singleElement().satisfies(e -> {
            assertThat(e.ratings()).isEqualTo(1);
            assertThat(e.bySide().left().ratings()).isZero();
            assertThat(e.bySide().right().ratings()).isZero();
        });
    }

    @Test
    void skipsForOtherReasonsAndUnratedCompletionsAreLeftOut() {
        List<SessionFacts> sessions = List.of(felt("2026-11-20T08:00:00Z", Map.of(
                0, skipped("bridge", "none", "no_time"), 1, skipped("plank", "none", null),
                2, new StepFeel("bird-dog", "left", null, null, null), 3, skipped("fish", "none", "pain"))));
        List<PoseDiscomfort.Entry> entries = PoseDiscomfort.of(sessions, Map.of());
        assertThat(entries).singleElement().satisfies(e -> {
            assertThat(e.pose()).isEqualTo("fish");
            assertThat(e.ratings()).isZero();
            assertThat(e.avgDiscomfort()).isNull();
            assertThat(e.skippedForPain()).isEqualTo(1);
        });
    }

    @Test
    void ratedPosesComeBeforeOnlySkippedOnesAndTiesGoToMoreSkipsThenMoreRatings() {
        List<SessionFacts> sessions = List.of(
                felt("2026-11-20T08:00:00Z", Map.of(0, skipped("a-only-skipped", "none", "pain"),
                        1, rated("b-calm", "none", 3), 2, rated("c-calm-skipped", "none", 3),
                        3, skipped("c-calm-skipped", "none", "pain"))),
                felt("2026-11-21T08:00:00Z", Map.of(0, rated("d-calm-twice", "none", 3), 1, rated("d-calm-twice", "none", 3),
                        2, rated("e-zero", "none", 0))));
        assertThat(PoseDiscomfort.of(sessions, Map.of())).extracting(PoseDiscomfort.Entry::pose)
                .containsExactly("c-calm-skipped", "d-calm-twice", "b-calm", "e-zero", "a-only-skipped");
    }

    @Test
    void meansAreComparedExactlyNotAfterRounding() {
        // a: 3, 3, 4 = 3.333…; b: 100 ratings summing 333 = 3.33. Both show 3.33; a is the more uncomfortable.
        Map<Integer, StepFeel> feels = new java.util.HashMap<>();
        feels.put(0, rated("a", "none", 3));
        feels.put(1, rated("a", "none", 3));
        feels.put(2, rated("a", "none", 4));
        for (int i = 0; i < 100; i++) {
            feels.put(3 + i, rated("b", "none", i < 67 ? 3 : 4));
        }
        List<PoseDiscomfort.Entry> entries = PoseDiscomfort.of(List.of(felt("2026-11-20T08:00:00Z", feels)), Map.of());
        assertThat(entries).extracting(PoseDiscomfort.Entry::avgDiscomfort).containsExactly(3.33, 3.33);
        assertThat(entries).extracting(PoseDiscomfort.Entry::pose).containsExactly("a", "b");
    }
}
