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
        double before = reliefs.stream().mapToDouble(Relief::before).average().orElseThrow();
        double after = reliefs.stream().mapToDouble(Relief::after).average().orElseThrow();
        int meaningful = (int) reliefs.stream().filter(Relief::meaningful).count();
        return new PainSummary(reliefs.size(), round(before), round(after), round(before - after), meaningful);
    }

    /**
     * Two decimals, halves away from zero (-0.625 → -0.63, as 0.625 → 0.63). The same mean
     * summed in another order differs in its last binary digits, so those are cleared first:
     * otherwise a true -0.625 shows as -0.62 or -0.63 depending on arrival order.
     */
    public static double round(double value) {
        return BigDecimal.valueOf(value).setScale(9, RoundingMode.HALF_EVEN)
                .setScale(2, RoundingMode.HALF_UP).doubleValue();
    }
}
