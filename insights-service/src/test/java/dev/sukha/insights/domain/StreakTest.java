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

    private static PracticeDays paused(PracticeDays practiced, String from, String to) {
        return new Pauses(java.util.List.of(new Pause("p", LocalDate.parse(from), LocalDate.parse(to), "flare")))
                .pausedDays(practiced);
    }

    @Test
    void pausedDaysInsideARunNeitherCountNorBreakIt() {
        // Practise Mon–Wed, pause Thu–Fri, practise Sat: 4.
        PracticeDays practiced = days("2026-11-16", "2026-11-17", "2026-11-18", "2026-11-21");
        PracticeDays paused = paused(practiced, "2026-11-19", "2026-11-20");
        assertThat(Streak.of(practiced, paused, LocalDate.parse("2026-11-21"))).isEqualTo(new Streak(4, 4));
    }

    @Test
    void aPauseCoveringYesterdayAndTodayKeepsTheStreakAlive() {
        PracticeDays practiced = days("2026-11-21", "2026-11-22", "2026-11-23");
        assertThat(Streak.of(practiced, TODAY).current()).isZero();
        assertThat(Streak.of(practiced, paused(practiced, "2026-11-24", "2026-11-26"), TODAY).current()).isEqualTo(3);
    }

    @Test
    void aPauseEndingTodayKeepsTheStreakAndTomorrowWithoutPracticeStillDoes() {
        PracticeDays practiced = days("2026-11-20", "2026-11-21");
        PracticeDays paused = paused(practiced, "2026-11-22", "2026-11-25");
        assertThat(Streak.of(practiced, paused, TODAY).current()).isEqualTo(2);
        // The day after: no practice yet, yesterday paused: still alive.
        assertThat(Streak.of(practiced, paused, TODAY.plusDays(1)).current()).isEqualTo(2);
        // Two days after with nothing: broken.
        assertThat(Streak.of(practiced, paused, TODAY.plusDays(2)).current()).isZero();
    }

    @Test
    void aPracticeDayInsideAPauseCounts() {
        PracticeDays practiced = days("2026-11-22", "2026-11-24");
        PracticeDays paused = paused(practiced, "2026-11-23", "2026-11-25");
        assertThat(paused.all()).containsExactly(LocalDate.parse("2026-11-23"), LocalDate.parse("2026-11-25"));
        assertThat(Streak.of(practiced, paused, TODAY)).isEqualTo(new Streak(2, 2));
    }

    @Test
    void overlappingPausesCountOnce() {
        PracticeDays practiced = days("2026-11-18", "2026-11-25");
        PracticeDays paused = new Pauses(java.util.List.of(
                new Pause("a", LocalDate.parse("2026-11-19"), LocalDate.parse("2026-11-22"), null),
                new Pause("b", LocalDate.parse("2026-11-21"), LocalDate.parse("2026-11-24"), "travel"))).pausedDays(practiced);
        assertThat(paused.size()).isEqualTo(6);
        assertThat(Streak.of(practiced, paused, TODAY)).isEqualTo(new Streak(2, 2));
    }

    @Test
    void aRunOfPausedDaysAloneIsNoStreak() {
        PracticeDays practiced = days();
        assertThat(Streak.of(practiced, paused(practiced, "2026-11-20", "2026-11-25"), TODAY)).isEqualTo(new Streak(0, 0));
    }

    @Test
    void longestBridgesPausesToo() {
        PracticeDays practiced = days("2026-10-01", "2026-10-02", "2026-10-05", "2026-10-06", "2026-10-07", "2026-11-25");
        assertThat(Streak.of(practiced, TODAY).longest()).isEqualTo(3);
        assertThat(Streak.of(practiced, paused(practiced, "2026-10-03", "2026-10-04"), TODAY)).isEqualTo(new Streak(1, 5));
    }
}
