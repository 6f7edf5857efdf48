package dev.sukha.session.domain;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The published versions of a routine known from the routines topic: version to step count,
 * and, where the topic said, each version's steps (pose, side, gentler option).
 */
public record RoutineVersions(String routineId, Map<Integer, Integer> stepCounts, Map<Integer, List<StepInfo>> steps) {

    /** What a pose event is about: the step's pose, side, and the label of its gentler option (or null). */
    public record StepInfo(String pose, String side, String gentler) {
    }

    public RoutineVersions(String routineId, Map<Integer, Integer> stepCounts) {
        this(routineId, stepCounts, Map.of());
    }

    public int latest() {
        return stepCounts.keySet().stream().mapToInt(Integer::intValue).max().orElse(0);
    }

    public Optional<StepInfo> step(int version, int index) {
        List<StepInfo> of = steps.get(version);
        return of == null || index < 0 || index >= of.size() ? Optional.empty() : Optional.of(of.get(index));
    }
}
