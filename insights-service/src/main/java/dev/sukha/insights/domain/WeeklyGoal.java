package dev.sukha.insights.domain;

import java.time.LocalDate;
import java.util.NavigableMap;
import java.util.SortedSet;
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

    public static int daysIn(IsoWeek week, SortedSet<LocalDate> practiceDays) {
        return practiceDays.subSet(week.monday(), week.sunday().plusDays(1)).size();
    }

    public boolean met(IsoWeek week, SortedSet<LocalDate> practiceDays) {
        return daysIn(week, practiceDays) >= daysFor(week);
    }

    /**
     * Consecutive weeks whose goal was met, ending with last week; the current week
     * adds one once met, and being unmet does not break the streak before it is over.
     */
    public int streak(IsoWeek current, SortedSet<LocalDate> practiceDays) {
        int streak = met(current, practiceDays) ? 1 : 0;
        LocalDate first = practiceDays.isEmpty() ? current.monday() : practiceDays.first();
        for (IsoWeek w = current.plus(-1); !w.sunday().isBefore(first) && met(w, practiceDays); w = w.plus(-1)) {
            streak++;
        }
        return streak;
    }
}
