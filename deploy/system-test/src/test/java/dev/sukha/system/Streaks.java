package dev.sukha.system;

import java.time.LocalDate;
import java.util.TreeSet;

/** The contract's streaks, computed the plain way from a set of practice days: the reference the suites compare with. */
final class Streaks {

    private Streaks() {
    }

    /** The most consecutive days practised. */
    static int longest(TreeSet<LocalDate> days) {
        int best = 0;
        for (LocalDate d : days) {
            int n = 0;
            while (days.contains(d.plusDays(n))) {
                n++;
            }
            best = Math.max(best, n);
        }
        return best;
    }

    /** Consecutive days practised up to today, or up to yesterday while today is still open. */
    static int current(TreeSet<LocalDate> days, LocalDate today) {
        LocalDate d = days.contains(today) ? today : today.minusDays(1);
        int n = 0;
        while (days.contains(d.minusDays(n))) {
            n++;
        }
        return n;
    }
}
