package dev.sukha.insights.domain;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class PainAlertTest {

    private static SessionFacts s(String start, int before, int after) {
        return Sessions.withPain("r", start, Map.of("neck", before), Map.of("neck", after));
    }

    private static List<PainAlert> alerts(List<SessionFacts> sessions) {
        return History.of(sessions).alerts();
    }

    @Test
    void twoOfTheLastThreeSessionsWorseByTwoOrMore() {
        List<PainAlert> alerts = alerts(List.of(
                s("2026-11-20T08:00:00Z", 3, 5), s("2026-11-21T08:00:00Z", 4, 3), s("2026-11-22T08:00:00Z", 3, 6)));
        assertThat(alerts).singleElement().satisfies(a -> {
            assertThat(a.type()).isEqualTo("PAIN_WORSENING");
            assertThat(a.since()).isEqualTo(LocalDate.parse("2026-11-20"));
            assertThat(a.advice()).contains("physiotherapist");
        });
    }

    @Test
    void worseByLessThanTwoOrOnlyOnceIsNoAlert() {
        assertThat(alerts(List.of(s("2026-11-20T08:00:00Z", 3, 4), s("2026-11-21T08:00:00Z", 3, 6),
                s("2026-11-22T08:00:00Z", 3, 3)))).isEmpty();
        // Older worsening outside the last three does not count.
        assertThat(alerts(List.of(s("2026-11-18T08:00:00Z", 3, 6), s("2026-11-19T08:00:00Z", 3, 6),
                s("2026-11-20T08:00:00Z", 5, 3), s("2026-11-21T08:00:00Z", 5, 3), s("2026-11-22T08:00:00Z", 5, 3)))).isEmpty();
    }

    @Test
    void beforePainRisingThreeTimesOverFourConsecutiveWeeks() {
        List<SessionFacts> rising = List.of(s("2026-11-02T08:00:00Z", 3, 2), s("2026-11-09T08:00:00Z", 4, 3),
                s("2026-11-16T08:00:00Z", 5, 4), s("2026-11-23T08:00:00Z", 6, 5));
        assertThat(alerts(rising)).singleElement()
                .satisfies(a -> assertThat(a.since()).isEqualTo(LocalDate.parse("2026-11-02")));
    }

    @Test
    void aFlatWeekOrAGapWeekIsNoAlert() {
        assertThat(alerts(List.of(s("2026-11-02T08:00:00Z", 3, 2), s("2026-11-09T08:00:00Z", 4, 3),
                s("2026-11-16T08:00:00Z", 4, 3), s("2026-11-23T08:00:00Z", 6, 5)))).isEmpty();
        assertThat(alerts(List.of(s("2026-10-26T08:00:00Z", 3, 2), s("2026-11-09T08:00:00Z", 4, 3),
                s("2026-11-16T08:00:00Z", 5, 4), s("2026-11-23T08:00:00Z", 6, 5)))).isEmpty();
    }
}
