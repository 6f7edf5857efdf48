package dev.sukha.routine.domain;

import java.util.List;

/**
 * A pose of the library. {@code sided} poses are done once per side (a step says
 * left, right or both); the others are symmetric (side {@code none}).
 */
public record Pose(String id, String name, String sanskrit, List<String> areas, boolean sided,
                   List<String> cues, List<Option> options, List<String> cautions) {
    public Pose {
        areas = areas == null ? List.of() : List.copyOf(areas);
        cues = cues == null ? List.of() : List.copyOf(cues);
        options = options == null ? List.of() : List.copyOf(options);
        cautions = cautions == null ? List.of() : List.copyOf(cautions);
    }
}
