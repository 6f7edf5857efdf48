package dev.sukha.insights.domain;

import java.time.LocalDate;

/**
 * Current streak: consecutive practice days ending today, or ending yesterday while
 * today has no practice yet; otherwise 0. Longest: the longest run ever.
 */
public record Streak(int current, int longest) {

    public static Streak of(PracticeDays days, LocalDate today) {
        LocalDate end = days.contains(today) ? today : today.minusDays(1);
        return new Streak(days.runEndingOn(end), days.longestRun());
    }
}
