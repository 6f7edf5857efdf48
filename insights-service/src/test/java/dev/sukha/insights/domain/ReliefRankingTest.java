package dev.sukha.insights.domain;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ReliefRankingTest {

    @Test
    void bestReliefFirstWithTheMeaningfulShare() {
        List<SessionFacts> sessions = List.of(
                Sessions.withPain("neck-and-jaw", "2026-11-20T08:00:00Z", Map.of("neck", 6), Map.of("neck", 5)),
                Sessions.withPain("upper-back-release", "2026-11-21T08:00:00Z", Map.of("neck", 7), Map.of("neck", 3)),
                Sessions.withPain("upper-back-release", "2026-11-22T08:00:00Z", Map.of("neck", 6), Map.of("neck", 5)),
                Sessions.completed("2026-11-23T08:00:00Z", "UTC", 10));
        assertThat(ReliefRanking.of(History.of(sessions).routines())).containsExactly(
                new ReliefRanking.Entry("upper-back-release", 2, 2.5, 0.5),
                new ReliefRanking.Entry("neck-and-jaw", 1, 1.0, 0.0),
                new ReliefRanking.Entry("upper-back", 0, null, null));
    }

    @Test
    void routinesWithoutPainRatingsComeLastWithNoFigures() {
        List<SessionFacts> sessions = List.of(
                Sessions.completed("2026-11-23T08:00:00Z", "UTC", 10),
                Sessions.withPain("desk-reset", "2026-11-21T08:00:00Z", Map.of("neck", 3), Map.of("neck", 4)));
        assertThat(ReliefRanking.of(History.of(sessions).routines())).extracting(ReliefRanking.Entry::routineId)
                .containsExactly("desk-reset", "upper-back");
        assertThat(ReliefRanking.of(History.of(sessions).routines()).get(1).avgRelief()).isNull();
    }
}
