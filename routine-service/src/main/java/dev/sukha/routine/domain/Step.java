package dev.sukha.routine.domain;

import java.util.List;

/** One step of a routine: a pose, on a side, held for a while, with cues and options. */
public record Step(String pose, String side, Hold hold, List<String> cues, List<Option> options) {
    public Step {
        cues = cues == null ? List.of() : List.copyOf(cues);
        options = options == null ? List.of() : List.copyOf(options);
    }
}
