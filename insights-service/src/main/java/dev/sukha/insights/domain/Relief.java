package dev.sukha.insights.domain;

import java.util.Map;
import java.util.Optional;

/**
 * Relief of a session: pain before minus pain after. For one area, that area's
 * ratings; overall, the means over the areas reported both before and after.
 * Meaningful relief: a drop of at least 2 points and of at least 30% of the before
 * value (the clinically important change on 0–10 scales).
 * <p>
 * Kept exact: a mean over at most twelve areas is a whole number of 1/27720ths
 * (27720 = lcm(1..12)), so sums and means over any number of sessions are whole
 * numbers too, and never depend on the order they were added in.
 */
public record Relief(long beforeX, long afterX) {

    /** lcm(1, 2, ..., 12): every mean over up to twelve areas times this is a whole number. */
    public static final long SCALE = 27720;

    public double before() {
        return beforeX / (double) SCALE;
    }

    public double after() {
        return afterX / (double) SCALE;
    }

    /** Before minus after, in 1/SCALE points. */
    public long reliefX() {
        return beforeX - afterX;
    }

    public double relief() {
        return reliefX() / (double) SCALE;
    }

    /** At least 2 points, and at least 30% of the before value: exact, 30% of 6.6 is 1.98. */
    public boolean meaningful() {
        long drop = reliefX();
        return drop >= 2 * SCALE && 10 * drop >= 3 * beforeX;
    }

    /** Pain after exceeded pain before by 2 or more. */
    public boolean worseByTwo() {
        return -reliefX() >= 2 * SCALE;
    }

    /** Overall (area null) or one area's before and after; empty when the session lacks either. */
    public static Optional<Relief> of(SessionFacts s, String area) {
        return area == null ? overall(s.painBefore(), s.painAfter()) : forArea(s.painBefore(), s.painAfter(), area);
    }

    static Optional<Relief> overall(Map<String, Integer> before, Map<String, Integer> after) {
        long sumBefore = 0;
        long sumAfter = 0;
        int n = 0;
        for (var e : before.entrySet()) {
            Integer a = after.get(e.getKey());
            if (a != null) {
                sumBefore += e.getValue();
                sumAfter += a;
                n++;
            }
        }
        return n == 0 ? Optional.empty() : Optional.of(new Relief(sumBefore * SCALE / n, sumAfter * SCALE / n));
    }

    static Optional<Relief> forArea(Map<String, Integer> before, Map<String, Integer> after, String area) {
        Integer b = before.get(area);
        Integer a = after.get(area);
        return b == null || a == null ? Optional.empty() : Optional.of(new Relief(b * SCALE, a * SCALE));
    }
}
