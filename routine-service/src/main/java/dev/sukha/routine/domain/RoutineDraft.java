package dev.sukha.routine.domain;

import java.util.List;

/** What an editor writes: a routine before it is frozen as a version. */
public record RoutineDraft(String id, String title, String summary, List<String> focus, String level,
                           List<String> space, List<String> safety, List<Step> steps) {
    public RoutineDraft {
        focus = focus == null ? List.of() : List.copyOf(focus);
        space = space == null ? List.of() : List.copyOf(space);
        safety = safety == null ? List.of() : List.copyOf(safety);
        steps = steps == null ? List.of() : List.copyOf(steps);
    }
}
