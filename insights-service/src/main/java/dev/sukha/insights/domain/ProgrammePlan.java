package dev.sukha.insights.domain;

import java.util.List;
import java.util.Map;

/**
 * A programme as insights keeps it from the programmes topic: the areas it is for, and its stages from gentle (1) to
 * stronger, each with its routines and the variant each listed pose starts on (a pose not listed starts in full).
 */
public record ProgrammePlan(String id, int version, String title, List<String> areas, List<Stage> stages) {

    public enum Variant { GENTLER, FULL }

    public ProgrammePlan {
        areas = List.copyOf(areas);
        stages = List.copyOf(stages);
    }

    public record Stage(int stage, String title, List<String> routines, Map<String, Variant> variants) {
        public Stage {
            routines = List.copyOf(routines);
            variants = Map.copyOf(variants);
        }

        public Variant startsOn(String pose) {
            return variants.getOrDefault(pose, Variant.FULL);
        }
    }

    public Stage stage(int n) {
        return stages.get(Math.max(1, Math.min(n, stages.size())) - 1);
    }
}
