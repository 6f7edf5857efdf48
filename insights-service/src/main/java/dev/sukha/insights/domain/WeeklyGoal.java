package dev.sukha.insights.domain;

import java.time.LocalDate;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The weekly goal in practice days (1..7, default 5). A goal set applies from the week
 * it was set in on; earlier weeks keep the goal they had.
 */
public final class WeeklyGoal {

    public static final int DEFAULT_DAYS = 5;

    private final NavigableMap<IsoWeek, Integer> changes;

    /** @param changes week from which a goal applies → its days */
    public WeeklyGoal(java.util.Map<IsoWeek, Integer> changes) {
        this.changes = new TreeMap<>(changes);
    }

    public int daysFor(IsoWeek week) {
        var entry = changes.floorEntry(week);
        return entry == null ? DEFAULT_DAYS : entry.getValue();
    }

    /**
     * That week's goal: {@code min(goal, 7 − paused days of the week)}; 0 for a week with no
     * unpaused day, which neither meets nor breaks the goal streak.
     */
    public int daysFor(IsoWeek week, PracticeDays paused) {
        return Math.min(daysFor(week), 7 - paused.countBetween(week.monday(), week.sunday()));
    }

    public static int daysIn(IsoWeek week, PracticeDays practiceDays) {
        return practiceDays.countBetween(week.monday(), week.sunday());
    }

    public boolean met(IsoWeek week, PracticeDays practiceDays) {
        return met(week, practiceDays, PracticeDays.empty());
    }

    public boolean met(IsoWeek week, PracticeDays practiceDays, PracticeDays paused) {
        int goal = daysFor(week, paused);
        return goal > 0 && daysIn(week, practiceDays) >= goal;
    }

    public int streak(IsoWeek current, PracticeDays practiceDays) {
        return streak(current, practiceDays, PracticeDays.empty());
    }

    /**
     * Consecutive weeks whose goal was met, ending with last week; the current week
     * adds one once met, and being unmet does not break the streak before it is over.
     * A week paused whole is passed over.
     */
    public int streak(IsoWeek current, PracticeDays practiceDays, PracticeDays paused) {
        int streak = met(current, practiceDays, paused) ? 1 : 0;
        LocalDate first = practiceDays.first().orElse(current.monday());
        // Walk back a Monday at a time (IsoWeek.of costs more than a date).
        for (LocalDate monday = current.monday().minusWeeks(1); !monday.plusDays(6).isBefore(first); monday = monday.minusWeeks(1)) {
            IsoWeek w = IsoWeek.of(monday);
            int goal = Math.min(daysFor(w), 7 - paused.countBetween(monday, monday.plusDays(6)));
            if (goal == 0) {
                continue;
            }
            if (practiceDays.countBetween(monday, monday.plusDays(6)) < goal) {
                break;
            }
            streak++;
        }
        return streak;
    }
}
