package dev.sukha.insights.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Collection;
import java.util.List;

/**
 * Pain figures over a set of sessions: the mean before, after and relief over the
 * sessions that have both, and how many had meaningful relief. Means are null
 * when no session has both.
 */
public record PainSummary(int sessions, Double avgBefore, Double avgAfter, Double avgRelief, int meaningful) {

    public static PainSummary of(Collection<SessionFacts> sessions, String area) {
        List<Relief> reliefs = sessions.stream().filter(SessionFacts::started)
                .map(s -> Relief.of(s, area)).flatMap(java.util.Optional::stream).toList();
        if (reliefs.isEmpty()) {
            return new PainSummary(0, null, null, null, 0);
        }
        long before = reliefs.stream().mapToLong(Relief::beforeX).sum();
        long after = reliefs.stream().mapToLong(Relief::afterX).sum();
        int meaningful = (int) reliefs.stream().filter(Relief::meaningful).count();
        long n = reliefs.size() * Relief.SCALE;
        return new PainSummary(reliefs.size(), round(before, n), round(after, n), round(before - after, n), meaningful);
    }

    /** {@code numerator / denominator} to two decimals, halves away from zero (-0.625 → -0.63, 0.625 → 0.63). Exact. */
    public static double round(long numerator, long denominator) {
        return BigDecimal.valueOf(numerator).divide(BigDecimal.valueOf(denominator), 2, RoundingMode.HALF_UP).doubleValue();
    }

    /**
     * Two decimals, halves away from zero, for a value that is not a known fraction (the
     * trend's slope): its last binary digits depend on the order it was summed in, so they
     * are cleared first.
     */
    public static double round(double value) {
        return BigDecimal.valueOf(value).setScale(9, RoundingMode.HALF_EVEN)
                .setScale(2, RoundingMode.HALF_UP).doubleValue();
    }
}
