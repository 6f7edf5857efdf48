package dev.sukha.routine.domain;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A programme as the catalogue writes it: the areas it is for and its stages from gentle to stronger, each stage the
 * routines it offers (for different places and lengths) and, per pose, the variant the stage starts it on
 * ({@code GENTLER} or {@code FULL}; a pose not listed starts in full).
 */
public record ProgrammeDraft(String id, String title, String summary, List<String> areas, List<Stage> stages) {

    public ProgrammeDraft {
        areas = areas == null ? List.of() : List.copyOf(areas);
        stages = stages == null ? List.of() : List.copyOf(stages);
    }

    public record Stage(String title, String summary, List<String> routines, Map<String, String> variants) {
        public Stage {
            routines = routines == null ? List.of() : List.copyOf(routines);
            variants = variants == null ? Map.of() : new TreeMap<>(variants);
        }
    }
}
