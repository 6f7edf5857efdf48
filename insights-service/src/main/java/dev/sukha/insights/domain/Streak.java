package dev.sukha.insights.domain;

import java.time.LocalDate;

/**
 * Current streak: the practice days of the run that ends today, or ends yesterday while
 * today has no practice yet; otherwise 0. Longest: the longest run ever. Paused days
 * neither count nor break a run: they may sit inside it, and between its last practice day
 * and today.
 */
public record Streak(int current, int longest) {

    public static Streak of(PracticeDays days, LocalDate today) {
        return of(days, PracticeDays.empty(), today);
    }

    /** @param paused the paused days (see {@link Pauses#pausedDays}) */
    public static Streak of(PracticeDays days, PracticeDays paused, LocalDate today) {
        LocalDate end = days.contains(today) || paused.contains(today) ? today : today.minusDays(1);
        return new Streak(days.runEndingOn(end, paused), days.longestRun(paused));
    }
}
