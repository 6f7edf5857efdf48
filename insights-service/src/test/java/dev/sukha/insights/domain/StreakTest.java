package dev.sukha.insights.domain;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

class StreakTest {

    private static PracticeDays days(String... dates) {
        return PracticeDays.of(Arrays.stream(dates).map(LocalDate::parse).toList());
    }

    private static final LocalDate TODAY = LocalDate.parse("2026-11-25");

    @Test
    void runEndingTodayCounts() {
        assertThat(Streak.of(days("2026-11-23", "2026-11-24", "2026-11-25"), TODAY)).isEqualTo(new Streak(3, 3));
    }

    @Test
    void runEndingYesterdayStillCountsWhileTodayHasNoPracticeYet() {
        assertThat(Streak.of(days("2026-11-23", "2026-11-24"), TODAY).current()).isEqualTo(2);
    }

    @Test
    void aGapDayBreaksTheCurrentStreak() {
        assertThat(Streak.of(days("2026-11-22", "2026-11-23"), TODAY)).isEqualTo(new Streak(0, 2));
    }

    @Test
    void longestIsTheLongestRunEver() {
        assertThat(Streak.of(days("2026-10-01", "2026-10-02", "2026-10-03", "2026-10-04", "2026-11-24", "2026-11-25"), TODAY))
                .isEqualTo(new Streak(2, 4));
    }

    @Test
    void noPracticeIsZero() {
        assertThat(Streak.of(days(), TODAY)).isEqualTo(new Streak(0, 0));
    }

    @Test
    void runsCrossMonthAndYearEnds() {
        assertThat(Streak.of(days("2026-12-30", "2026-12-31", "2027-01-01"), LocalDate.parse("2027-01-01")).current()).isEqualTo(3);
    }
}
