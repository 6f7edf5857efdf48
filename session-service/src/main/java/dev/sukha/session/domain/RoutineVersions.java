package dev.sukha.session.domain;

import java.util.Map;

/** The published versions of a routine known from the routines topic: version to step count. */
public record RoutineVersions(String routineId, Map<Integer, Integer> stepCounts) {

    public int latest() {
        return stepCounts.keySet().stream().mapToInt(Integer::intValue).max().orElse(0);
    }
}
