package dev.sukha.insights.domain;

import java.util.Map;
import java.util.Optional;

/**
 * Relief of a session: pain before minus pain after. For one area, that area's
 * ratings; overall, the means over the areas reported both before and after.
 * Meaningful relief: a drop of at least 2 points and of at least 30% of the before
 * value (the clinically important change on 0–10 scales).
 */
public record Relief(double before, double after) {

    public static final double MEANINGFUL_POINTS = 2.0;
    public static final double MEANINGFUL_SHARE = 0.30;

    public double relief() {
        return before - after;
    }

    public boolean meaningful() {
        double drop = relief();
        // A hair of tolerance so that 30% of 6.6 = 1.98 vs a mean drop of 1.98 is not lost to binary fractions.
        return drop >= MEANINGFUL_POINTS - 1e-9 && drop >= MEANINGFUL_SHARE * before - 1e-9;
    }

    /** Overall (area null) or one area's before and after; empty when the session lacks either. */
    public static Optional<Relief> of(SessionFacts s, String area) {
        return area == null ? overall(s.painBefore(), s.painAfter()) : forArea(s.painBefore(), s.painAfter(), area);
    }

    static Optional<Relief> overall(Map<String, Integer> before, Map<String, Integer> after) {
        double sumBefore = 0;
        double sumAfter = 0;
        int n = 0;
        for (var e : before.entrySet()) {
            Integer a = after.get(e.getKey());
            if (a != null) {
                sumBefore += e.getValue();
                sumAfter += a;
                n++;
            }
        }
        return n == 0 ? Optional.empty() : Optional.of(new Relief(sumBefore / n, sumAfter / n));
    }

    static Optional<Relief> forArea(Map<String, Integer> before, Map<String, Integer> after, String area) {
        Integer b = before.get(area);
        Integer a = after.get(area);
        return b == null || a == null ? Optional.empty() : Optional.of(new Relief(b, a));
    }
}
