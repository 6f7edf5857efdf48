package dev.sukha.insights.domain;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** Session facts for the rule tests. */
final class Sessions {
    private Sessions() {
    }

    static SessionFacts completed(String start, String zone, int minutes) {
        OffsetDateTime s = OffsetDateTime.parse(start);
        return new SessionFacts(UUID.randomUUID().toString(), "upper-back", 1, 4, zone, s, SessionFacts.COMPLETED,
                s.plusMinutes(minutes), Map.of(), Map.of(), steps(4), Set.of());
    }

    static SessionFacts abandoned(String start, int stepCount, int completed) {
        OffsetDateTime s = OffsetDateTime.parse(start);
        return new SessionFacts(UUID.randomUUID().toString(), "upper-back", 1, stepCount, "UTC", s, SessionFacts.ABANDONED,
                s.plusMinutes(5), Map.of(), Map.of(), steps(completed), Set.of());
    }

    static SessionFacts withPain(String routine, String start, Map<String, Integer> before, Map<String, Integer> after) {
        OffsetDateTime s = OffsetDateTime.parse(start);
        return new SessionFacts(UUID.randomUUID().toString(), routine, 1, 4, "UTC", s, SessionFacts.COMPLETED,
                s.plusMinutes(15), before, after, steps(4), Set.of());
    }

    static Set<Integer> steps(int n) {
        return IntStream.range(0, n).boxed().collect(Collectors.toSet());
    }

    /** A completed session of the given steps' feelings, by step index. */
    static SessionFacts felt(String start, Map<Integer, StepFeel> feels) {
        OffsetDateTime s = OffsetDateTime.parse(start);
        return new SessionFacts(UUID.randomUUID().toString(), "upper-back", 1, 12, "UTC", s, SessionFacts.COMPLETED,
                s.plusMinutes(15), Map.of(), Map.of(), feels.keySet(), Set.of(), feels);
    }

    static StepFeel rated(String pose, String side, int discomfort) {
        return new StepFeel(pose, side, "Gentler " + pose, discomfort, null);
    }

    static StepFeel skipped(String pose, String side, String reason) {
        return new StepFeel(pose, side, "Gentler " + pose, null, reason);
    }
}
