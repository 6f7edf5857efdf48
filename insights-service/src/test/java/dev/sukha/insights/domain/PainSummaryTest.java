package dev.sukha.insights.domain;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class PainSummaryTest {

    @Test
    void halvesRoundAwayFromZeroOnBothSides() {
        assertThat(PainSummary.round(0.625)).isEqualTo(0.63);
        assertThat(PainSummary.round(-0.625)).isEqualTo(-0.63);
        assertThat(PainSummary.round(1.004)).isEqualTo(1.0);
        assertThat(PainSummary.round(-1.006)).isEqualTo(-1.01);
    }

    @Test
    void theSameMeanSummedInAnotherOrderRoundsTheSame() {
        // Eight reliefs whose true mean is -0.625: summed forwards the double is -0.6249999999999999,
        // backwards -0.625. Both must show -0.63.
        double[] reliefs = {-4.0 / 3, 1.0 / 3, -4.0 / 3, -1.0 / 6, -4.0 / 3, 1.0 / 3, -2.0 / 3, -5.0 / 6};
        double forward = 0;
        double backward = 0;
        for (int i = 0; i < reliefs.length; i++) {
            forward += reliefs[i];
            backward += reliefs[reliefs.length - 1 - i];
        }
        assertThat(PainSummary.round(forward / 8)).isEqualTo(-0.63).isEqualTo(PainSummary.round(backward / 8));
        assertThat(PainSummary.round(-0.625 + 1e-13)).isEqualTo(-0.63);
        assertThat(PainSummary.round(0.125 - 1e-13)).isEqualTo(0.13);
    }

    @Test
    void exactFractionsRoundHalvesAwayFromZero() {
        assertThat(PainSummary.round(-5, 8)).isEqualTo(-0.63);
        assertThat(PainSummary.round(5, 8)).isEqualTo(0.63);
        assertThat(PainSummary.round(3, 200)).isEqualTo(0.02);   // 0.015 is no double, but is a fraction
        assertThat(PainSummary.round(1, 3)).isEqualTo(0.33);
    }

    @Test
    void meansAreOverSessionsWithBothRatings() {
        PainSummary s = PainSummary.of(List.of(
                Sessions.withPain("r", "2026-11-16T08:00:00Z", Map.of("neck", 6), Map.of("neck", 3)),
                Sessions.withPain("r", "2026-11-17T08:00:00Z", Map.of("neck", 5), Map.of("jaw", 1))), null);
        assertThat(s.sessions()).isEqualTo(1);
        assertThat(s.avgRelief()).isEqualTo(3.0);
        assertThat(s.meaningful()).isEqualTo(1);
    }
}
