package dev.sukha.insights.domain;

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
        long first = practiceDays.first().orElse(current.monday()).toEpochDay();
        // Walk back a Monday at a time by epoch day (a ten-year streak is 520 weeks on every read),
        // taking each week's goal from the changes, latest first.
        var goals = changes.descendingMap().entrySet().iterator();
        var change = goals.hasNext() ? goals.next() : null;
        long changeMonday = change == null ? Long.MIN_VALUE : change.getKey().monday().toEpochDay();
        for (long monday = current.monday().toEpochDay() - 7; monday + 6 >= first; monday -= 7) {
            while (change != null && changeMonday > monday) {
                change = goals.hasNext() ? goals.next() : null;
                changeMonday = change == null ? Long.MIN_VALUE : change.getKey().monday().toEpochDay();
            }
            int goal = Math.min(change == null ? DEFAULT_DAYS : change.getValue(), 7 - paused.countBetween(monday, monday + 6));
            if (goal == 0) {
                continue;
            }
            if (practiceDays.countBetween(monday, monday + 6) < goal) {
                break;
            }
            streak++;
        }
        return streak;
    }
}
