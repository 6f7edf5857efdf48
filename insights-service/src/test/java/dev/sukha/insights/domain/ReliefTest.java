package dev.sukha.insights.domain;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ReliefTest {

    private static Relief points(double before, double after) {
        return new Relief(Math.round(before * Relief.SCALE), Math.round(after * Relief.SCALE));
    }

    @Test
    void meaningfulAtExactlyTwoPointsAndThirtyPercent() {
        assertThat(points(6, 4).meaningful()).isTrue();      // 2 points, 33%
        assertThat(points(10, 7).meaningful()).isTrue();     // 3 points, exactly 30%
        assertThat(points(10, 8).meaningful()).isFalse();    // 2 points, 20%
        assertThat(points(3, 1.5).meaningful()).isFalse();   // 1.5 points
        assertThat(points(2, 0).meaningful()).isTrue();      // 2 points, 100%
    }

    @Test
    void thirtyPercentOfAMeanIsComparedExactly() {
        // Before 20/3 (a mean over three areas), after 14/3: a drop of exactly 2 points and exactly 30%,
        // which binary fractions would put a hair either side of the thresholds.
        Relief r = Relief.overall(Map.of("neck", 7, "jaw", 7, "chest", 6), Map.of("neck", 5, "jaw", 5, "chest", 4))
                .orElseThrow();
        assertThat(r.reliefX()).isEqualTo(2 * Relief.SCALE);
        assertThat(10 * r.reliefX()).isEqualTo(3 * r.beforeX());
        assertThat(r.meaningful()).isTrue();
        Relief under = Relief.overall(Map.of("neck", 7, "jaw", 7, "chest", 7), Map.of("neck", 5, "jaw", 5, "chest", 5))
                .orElseThrow();
        assertThat(under.meaningful()).isFalse(); // 2 points of 7: 28.6%
    }

    @Test
    void worseByTwoIsAnExactComparison() {
        assertThat(points(3, 5).worseByTwo()).isTrue();
        assertThat(points(3, 4.99).worseByTwo()).isFalse();
    }

    @Test
    void overallIsTheMeanOverAreasReportedBothBeforeAndAfter() {
        SessionFacts s = Sessions.withPain("r", "2026-11-20T08:00:00Z",
                Map.of("neck", 6, "upper_back", 8, "jaw", 3), Map.of("neck", 2, "upper_back", 6, "knees", 1));
        Relief overall = Relief.of(s, null).orElseThrow();
        assertThat(overall.before()).isEqualTo(7.0);
        assertThat(overall.after()).isEqualTo(4.0);
        assertThat(Relief.of(s, "neck").orElseThrow().relief()).isEqualTo(4.0);
        assertThat(Relief.of(s, "jaw")).isEmpty();
    }

    @Test
    void aSessionLackingEitherSideIsLeftOut() {
        assertThat(Relief.of(Sessions.withPain("r", "2026-11-20T08:00:00Z", Map.of("neck", 5), Map.of()), null)).isEmpty();
    }
}
