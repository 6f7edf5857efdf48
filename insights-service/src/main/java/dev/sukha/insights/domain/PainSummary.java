package dev.sukha.insights.domain;

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

    /** Two decimals: enough for a 0–10 scale, and stable to compare. */
    public static double round(double value) {
        return Math.round(value * 100.0) / 100.0;
    }
}
