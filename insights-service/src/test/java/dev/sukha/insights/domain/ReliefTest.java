package dev.sukha.insights.domain;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ReliefTest {

    @Test
    void meaningfulAtExactlyTwoPointsAndThirtyPercent() {
        assertThat(new Relief(6, 4).meaningful()).isTrue();      // 2 points, 33%
        assertThat(new Relief(10, 7).meaningful()).isTrue();     // 3 points, exactly 30%
        assertThat(new Relief(10, 8).meaningful()).isFalse();    // 2 points, 20%
        assertThat(new Relief(3, 1.5).meaningful()).isFalse();   // 1.5 points
        assertThat(new Relief(2, 0).meaningful()).isTrue();      // 2 points, 100%
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
