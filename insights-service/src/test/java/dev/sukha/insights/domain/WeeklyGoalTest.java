package dev.sukha.insights.domain;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.Map;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

class WeeklyGoalTest {

    private static PracticeDays practiced(TreeSet<LocalDate> days) {
        return PracticeDays.of(days);
    }

    private static TreeSet<LocalDate> daysOfWeek(String week, int n) {
        TreeSet<LocalDate> days = new TreeSet<>();
        LocalDate monday = IsoWeek.parse(week).monday();
        for (int i = 0; i < n; i++) {
            days.add(monday.plusDays(i));
        }
        return days;
    }

    @Test
    void defaultIsFiveDays() {
        assertThat(new WeeklyGoal(Map.of()).daysFor(IsoWeek.parse("2026-W48"))).isEqualTo(5);
    }

    @Test
    void aGoalAppliesFromItsWeekOnAndEarlierWeeksKeepTheirs() {
        WeeklyGoal goal = new WeeklyGoal(Map.of(IsoWeek.parse("2026-W47"), 3));
        assertThat(goal.daysFor(IsoWeek.parse("2026-W46"))).isEqualTo(5);
        assertThat(goal.daysFor(IsoWeek.parse("2026-W47"))).isEqualTo(3);
        assertThat(goal.daysFor(IsoWeek.parse("2027-W10"))).isEqualTo(3);
    }

    @Test
    void theCurrentWeekAddsOneOnceMetAndDoesNotBreakTheStreakBefore() {
        WeeklyGoal goal = new WeeklyGoal(Map.of(IsoWeek.parse("2026-W01"), 3));
        TreeSet<LocalDate> days = new TreeSet<>();
        days.addAll(daysOfWeek("2026-W46", 3));
        days.addAll(daysOfWeek("2026-W47", 4));
        IsoWeek current = IsoWeek.parse("2026-W48");
        assertThat(goal.streak(current, practiced(days))).isEqualTo(2);
        days.addAll(daysOfWeek("2026-W48", 2));
        assertThat(goal.streak(current, practiced(days))).isEqualTo(2);
        days.addAll(daysOfWeek("2026-W48", 3));
        assertThat(goal.streak(current, practiced(days))).isEqualTo(3);
    }

    @Test
    void aMissedFinishedWeekBreaksTheStreak() {
        WeeklyGoal goal = new WeeklyGoal(Map.of(IsoWeek.parse("2026-W01"), 2));
        TreeSet<LocalDate> days = new TreeSet<>();
        days.addAll(daysOfWeek("2026-W45", 2));
        days.addAll(daysOfWeek("2026-W46", 1));
        days.addAll(daysOfWeek("2026-W47", 2));
        assertThat(goal.streak(IsoWeek.parse("2026-W48"), practiced(days))).isEqualTo(1);
    }

    @Test
    void goalStreakRunsAcrossTheYearEnd() {
        WeeklyGoal goal = new WeeklyGoal(Map.of(IsoWeek.parse("2026-W01"), 1));
        TreeSet<LocalDate> days = new TreeSet<>();
        days.add(LocalDate.parse("2026-12-30")); // 2026-W53
        days.add(LocalDate.parse("2027-01-05")); // 2027-W01
        assertThat(goal.streak(IsoWeek.parse("2027-W01"), practiced(days))).isEqualTo(2);
    }

    private static PracticeDays pausedDays(TreeSet<LocalDate> practiced, String from, String to) {
        return new Pauses(java.util.List.of(new Pause("p", LocalDate.parse(from), LocalDate.parse(to), null)))
                .pausedDays(practiced(practiced));
    }

    @Test
    void aWeekWithThreePausedDaysHasAGoalOfAtMostFour() {
        WeeklyGoal goal = new WeeklyGoal(Map.of());
        TreeSet<LocalDate> days = daysOfWeek("2026-W47", 4);
        IsoWeek w47 = IsoWeek.parse("2026-W47");
        // W47 is Mon 16 to Sun 22 November; paused Fri to Sun.
        PracticeDays paused = pausedDays(days, "2026-11-20", "2026-11-22");
        assertThat(goal.daysFor(w47, paused)).isEqualTo(4);
        assertThat(goal.met(w47, practiced(days), paused)).isTrue();
        assertThat(goal.met(w47, practiced(days))).isFalse();
        // A goal already below 7 − paused stays.
        assertThat(new WeeklyGoal(Map.of(IsoWeek.parse("2026-W01"), 3)).daysFor(w47, paused)).isEqualTo(3);
    }

    @Test
    void aWeekPausedWholeNeitherMeetsNorBreaksTheGoalStreak() {
        WeeklyGoal goal = new WeeklyGoal(Map.of(IsoWeek.parse("2026-W01"), 2));
        TreeSet<LocalDate> days = new TreeSet<>();
        days.addAll(daysOfWeek("2026-W45", 2));
        days.addAll(daysOfWeek("2026-W47", 2));
        PracticeDays paused = pausedDays(days, "2026-11-09", "2026-11-15"); // all of W46
        assertThat(goal.daysFor(IsoWeek.parse("2026-W46"), paused)).isZero();
        assertThat(goal.met(IsoWeek.parse("2026-W46"), practiced(days), paused)).isFalse();
        assertThat(goal.streak(IsoWeek.parse("2026-W48"), practiced(days))).isEqualTo(1);
        assertThat(goal.streak(IsoWeek.parse("2026-W48"), practiced(days), paused)).isEqualTo(2);
        // The current week paused whole: nothing added, nothing broken.
        PracticeDays thisWeekPaused = PracticeDays.union(java.util.List.of(paused, pausedDays(days, "2026-11-23", "2026-11-29")));
        assertThat(goal.streak(IsoWeek.parse("2026-W48"), practiced(days), thisWeekPaused)).isEqualTo(2);
    }

    @Test
    void aPracticeDayInsideAPauseIsNoPausedDay() {
        TreeSet<LocalDate> days = daysOfWeek("2026-W47", 7);
        PracticeDays paused = pausedDays(days, "2026-11-16", "2026-11-22");
        assertThat(paused.isEmpty()).isTrue();
        assertThat(new WeeklyGoal(Map.of()).daysFor(IsoWeek.parse("2026-W47"), paused)).isEqualTo(5);
    }
}
