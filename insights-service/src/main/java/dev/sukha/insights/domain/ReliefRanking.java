package dev.sukha.insights.domain;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

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

    public static List<Entry> of(Collection<SessionFacts> sessions) {
        Map<String, List<Relief>> byRoutine = new TreeMap<>();
        for (SessionFacts s : sessions) {
            if (!s.started() || s.routineId() == null) {
                continue;
            }
            List<Relief> list = byRoutine.computeIfAbsent(s.routineId(), k -> new ArrayList<>());
            Relief.of(s, null).ifPresent(list::add);
        }
        List<Entry> entries = new ArrayList<>();
        byRoutine.forEach((routine, reliefs) -> {
            if (reliefs.isEmpty()) {
                entries.add(new Entry(routine, 0, null, null));
            } else {
                double avg = reliefs.stream().mapToDouble(Relief::relief).average().orElseThrow();
                double share = reliefs.stream().filter(Relief::meaningful).count() / (double) reliefs.size();
                entries.add(new Entry(routine, reliefs.size(), PainSummary.round(avg), PainSummary.round(share)));
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
