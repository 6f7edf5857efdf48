package dev.sukha.insights.domain;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class PracticeDayTest {

    @Test
    void aCompletedSessionCounts() {
        assertThat(PracticeDay.counts(Sessions.completed("2026-11-20T08:00:00Z", "UTC", 10))).isTrue();
    }

    @Test
    void abandonedCountsFromHalfTheSteps() {
        assertThat(PracticeDay.counts(Sessions.abandoned("2026-11-20T08:00:00Z", 4, 2))).isTrue();
        assertThat(PracticeDay.counts(Sessions.abandoned("2026-11-20T08:00:00Z", 5, 2))).isFalse();
        assertThat(PracticeDay.counts(Sessions.abandoned("2026-11-20T08:00:00Z", 5, 3))).isTrue();
        assertThat(PracticeDay.counts(Sessions.abandoned("2026-11-20T08:00:00Z", 9, 0))).isFalse();
    }

    @Test
    void skippedStepsDoNotCountTowardsTheHalf() {
        // 4 steps, 1 completed, 3 skipped: only the completed one counts.
        assertThat(PracticeDay.counts(Sessions.abandoned("2026-11-20T08:00:00Z", 4, 1))).isFalse();
    }

    @Test
    void anUnendedOrUnstartedSessionDoesNotCount() {
        OffsetDateTime s = OffsetDateTime.parse("2026-11-20T08:00:00Z");
        assertThat(PracticeDay.counts(new SessionFacts("a", "r", 1, 4, "UTC", s, null, null, Map.of(), Map.of(), Set.of(0, 1, 2, 3), Set.of()))).isFalse();
        assertThat(PracticeDay.counts(new SessionFacts("b", "r", 1, 4, "UTC", null, SessionFacts.COMPLETED, s, Map.of(), Map.of(), Set.of(), Set.of()))).isFalse();
    }

    @Test
    void theLocalDateIsTheStartsDateInItsOwnZone() {
        // 23:30 in Auckland on the 20th is still the 20th there, though it is the 20th 10:30 UTC.
        assertThat(Sessions.completed("2026-11-20T23:30:00+13:00", "Pacific/Auckland", 20).localDate())
                .isEqualTo(LocalDate.of(2026, 11, 20));
        // 00:30 on the 21st in Paris, started from a device still showing UTC: the Paris date counts.
        assertThat(Sessions.completed("2026-11-20T23:30:00Z", "Europe/Paris", 20).localDate())
                .isEqualTo(LocalDate.of(2026, 11, 21));
    }

    @Test
    void twoSessionsOnOneDayMakeOnePracticeDay() {
        assertThat(PracticeDay.days(List.of(Sessions.completed("2026-11-20T08:00:00Z", "UTC", 10),
                Sessions.completed("2026-11-20T18:00:00Z", "UTC", 10)))).containsExactly(LocalDate.of(2026, 11, 20));
    }
}
