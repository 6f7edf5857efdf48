package dev.sukha.insights.domain;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class PainTrendTest {

    @Test
    void leastSquaresSlope() {
        assertThat(PainTrend.slope(List.of(new double[]{0, 6}, new double[]{1, 5}, new double[]{2, 4}))).isEqualTo(-1.0);
        assertThat(PainTrend.slope(List.of(new double[]{0, 6}))).isNull();
        assertThat(PainTrend.slope(List.of(new double[]{0, 6}, new double[]{3, 6}, new double[]{4, 3})))
                .isCloseTo(-5.0 / 8.6667, org.assertj.core.data.Offset.offset(1e-4)); // sxy / sxx
    }

    @Test
    void directionThresholdsAreInclusive() {
        assertThat(PainTrend.direction(-0.25)).isEqualTo("improving");
        assertThat(PainTrend.direction(-0.2499)).isEqualTo("stable");
        assertThat(PainTrend.direction(0.25)).isEqualTo("worsening");
        assertThat(PainTrend.direction(null)).isEqualTo("unknown");
    }

    @Test
    void aThresholdSlopeComputedWithBinaryNoiseKeepsItsDirection() {
        // 0.1 + 0.2 - 0.05 is 0.25 on paper but 0.25000000000000006 in doubles; 0.3 - 0.05 is 0.24999999999999997.
        assertThat(PainTrend.direction(0.3 - 0.05)).isEqualTo("worsening");
        assertThat(PainTrend.direction(-(0.3 - 0.05))).isEqualTo("improving");
        assertThat(PainTrend.direction(0.2499)).isEqualTo("stable");
    }

    @Test
    void weeksWithoutSessionsKeepTheirPlaceButAreNotPoints() {
        List<SessionFacts> sessions = List.of(
                Sessions.withPain("r", "2026-11-02T08:00:00Z", Map.of("neck", 8), Map.of("neck", 6)), // W45
                Sessions.withPain("r", "2026-11-23T08:00:00Z", Map.of("neck", 5), Map.of("neck", 4))); // W48
        PainTrend trend = PainTrend.of(sessions, IsoWeek.parse("2026-W48"), 4, null);
        assertThat(trend.weeks()).extracting(PainTrend.Week::week).containsExactly("2026-W45", "2026-W46", "2026-W47", "2026-W48");
        assertThat(trend.weeks()).extracting(PainTrend.Week::sessions).containsExactly(1, 0, 0, 1);
        assertThat(trend.weeks().get(1).avgBefore()).isNull();
        assertThat(trend.slopePerWeek()).isEqualTo(-1.0); // (5 - 8) / 3 weeks
        assertThat(trend.direction()).isEqualTo("improving");
    }

    @Test
    void anAreaTrendUsesThatAreaOnly() {
        List<SessionFacts> sessions = List.of(
                Sessions.withPain("r", "2026-11-16T08:00:00Z", Map.of("neck", 2, "jaw", 8), Map.of("neck", 2, "jaw", 8)),
                Sessions.withPain("r", "2026-11-23T08:00:00Z", Map.of("neck", 6, "jaw", 2), Map.of("neck", 5, "jaw", 2)));
        assertThat(PainTrend.of(sessions, IsoWeek.parse("2026-W48"), 2, "neck").direction()).isEqualTo("worsening");
        assertThat(PainTrend.of(sessions, IsoWeek.parse("2026-W48"), 2, "jaw").direction()).isEqualTo("improving");
        // Overall: the mean of neck and jaw, 5 then 4.
        assertThat(PainTrend.of(sessions, IsoWeek.parse("2026-W48"), 2, null).direction()).isEqualTo("improving");
    }
}
