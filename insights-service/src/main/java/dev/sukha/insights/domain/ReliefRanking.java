package dev.sukha.insights.domain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * "Which routine works for me": per routine practised, the sessions with both pain
 * ratings, their mean relief, and the share with meaningful relief; best first
 * (highest mean relief, then meaningful share, then more sessions, then id).
 * Routines practised without pain ratings are listed with 0 sessions, last.
 */
public final class ReliefRanking {

    public record Entry(String routineId, int sessions, Double avgRelief, Double meaningfulShare) {
    }

    private ReliefRanking() {
    }

    public static List<Entry> of(Map<String, RoutineTotals> byRoutine) {
        List<Entry> entries = new ArrayList<>();
        byRoutine.forEach((routine, t) -> {
            if (t.started() == 0) {
                return;
            }
            if (t.withPain() == 0) {
                entries.add(new Entry(routine, 0, null, null));
            } else {
                entries.add(new Entry(routine, t.withPain(), PainSummary.round(t.reliefX(), t.withPain() * Relief.SCALE),
                        PainSummary.round(t.meaningful(), t.withPain())));
            }
        });
        entries.sort(Comparator
                .comparing((Entry e) -> e.avgRelief() == null ? Double.NEGATIVE_INFINITY : e.avgRelief()).reversed()
                .thenComparing(e -> e.meaningfulShare() == null ? -1.0 : e.meaningfulShare(), Comparator.reverseOrder())
                .thenComparing(Entry::sessions, Comparator.reverseOrder())
                .thenComparing(Entry::routineId));
        return entries;
    }
}
