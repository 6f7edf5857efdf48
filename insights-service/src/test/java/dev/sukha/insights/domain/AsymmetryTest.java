package dev.sukha.insights.domain;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.sukha.insights.domain.Sessions.felt;
import static dev.sukha.insights.domain.Sessions.rated;
import static org.assertj.core.api.Assertions.assertThat;

class AsymmetryTest {

    /** One session a day, each rating the pose's left then right step. */
    private static List<SessionFacts> days(String pose, int[] left, int[] right) {
        List<SessionFacts> sessions = new ArrayList<>();
        for (int i = 0; i < Math.max(left.length, right.length); i++) {
            Map<Integer, StepFeel> feels = new java.util.HashMap<>();
            if (i < left.length) {
                feels.put(0, rated(pose, "left", left[i]));
            }
            if (i < right.length) {
                feels.put(1, rated(pose, "right", right[i]));
            }
            sessions.add(felt(java.time.OffsetDateTime.parse("2026-06-01T08:00:00Z").plusHours(i).toString(), feels));
        }
        return sessions;
    }

    private static List<Asymmetry.Entry> of(List<SessionFacts> sessions) {
        return Asymmetry.of(PoseDiscomfort.tally(sessions), Map.of("thread", "Thread the needle"),
                Map.of("thread", List.of("upper_back", "shoulders")));
    }

    @Test
    void threeRatingsASideAndADifferenceOfExactlyTwoIsAsymmetric() {
        assertThat(of(days("thread", new int[]{5, 5, 5}, new int[]{3, 3, 3}))).singleElement().satisfies(e -> {
            assertThat(e.pose()).isEqualTo("thread");
            assertThat(e.name()).isEqualTo("Thread the needle");
            assertThat(e.areas()).containsExactly("upper_back", "shoulders");
            assertThat(e.worseSide()).isEqualTo("left");
            assertThat(e.left()).isEqualTo(5.0);
            assertThat(e.right()).isEqualTo(3.0);
            assertThat(e.difference()).isEqualTo(2.0);
        });
    }

    @Test
    void justUnderTwoIsNot() {
        // 5, 5, 4 against 3, 3, 3: 14/3 - 3 = 1.67
        assertThat(of(days("thread", new int[]{5, 5, 4}, new int[]{3, 3, 3}))).isEmpty();
        // 201 ratings, one of them 4: 2 - 1/201 = 1.995 rounds to 2.00, yet is under 2 compared exactly.
        int[] left = new int[201];
        java.util.Arrays.fill(left, 5);
        left[200] = 4;
        assertThat(of(days("thread", left, new int[]{3, 3, 3}))).isEmpty();
        left[200] = 5;
        assertThat(of(days("thread", left, new int[]{3, 3, 3}))).hasSize(1);
    }

    @Test
    void twoRatingsOnASideAreNotEnoughHoweverLargeTheDifference() {
        assertThat(of(days("thread", new int[]{9, 9}, new int[]{0, 0, 0}))).isEmpty();
        assertThat(of(days("thread", new int[]{9, 9, 9}, new int[]{0, 0}))).isEmpty();
    }

    @Test
    void theRightCanBeTheWorseSideAndBothOrNoneStepsDoNotCount() {
        List<SessionFacts> sessions = new ArrayList<>(days("thread", new int[]{1, 1, 2}, new int[]{4, 5, 4}));
        sessions.add(felt("2026-11-20T08:00:00Z", Map.of(0, rated("thread", "both", 10), 1, rated("thread", "none", 10))));
        assertThat(of(sessions)).singleElement().satisfies(e -> {
            assertThat(e.worseSide()).isEqualTo("right");
            assertThat(e.left()).isEqualTo(1.33);
            assertThat(e.right()).isEqualTo(4.33);
            assertThat(e.difference()).isEqualTo(3.0);
        });
    }

    @Test
    void unknownPosesHaveNoNameAndNoAreas() {
        assertThat(Asymmetry.of(PoseDiscomfort.tally(days("bird-dog", new int[]{6, 6, 6}, new int[]{1, 1, 1})), Map.of(), Map.of()))
                .singleElement().satisfies(e -> {
                    assertThat(e.name()).isNull();
                    assertThat(e.areas()).isEmpty();
                    assertThat(e.difference()).isEqualTo(5.0);
                });
    }
}
