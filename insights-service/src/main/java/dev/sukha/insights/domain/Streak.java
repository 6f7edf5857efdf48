package dev.sukha.insights.domain;

import java.time.LocalDate;
import java.util.SortedSet;

/**
 * Current streak: consecutive practice days ending today, or ending yesterday while
 * today has no practice yet; otherwise 0. Longest: the longest run ever.
 */
public record Streak(int current, int longest) {

    public static Streak of(SortedSet<LocalDate> days, LocalDate today) {
        int longest = 0;
        int run = 0;
        LocalDate previous = null;
        for (LocalDate day : days) {
            run = previous != null && previous.plusDays(1).equals(day) ? run + 1 : 1;
            longest = Math.max(longest, run);
            previous = day;
        }
        LocalDate end = days.contains(today) ? today : today.minusDays(1);
        int current = 0;
        for (LocalDate d = end; days.contains(d); d = d.minusDays(1)) {
            current++;
        }
        return new Streak(current, longest);
    }
}
