package dev.sukha.routine.domain;

import java.util.List;

/** The closed word lists of the catalogue, as they appear on the wire. */
public final class Vocabulary {
    public static final List<String> AREAS = List.of(
            "neck", "shoulders", "upper_back", "mid_back", "lower_back", "hips", "knees",
            "feet", "wrists", "jaw", "chest", "tailbone");
    public static final List<String> LEVELS = List.of("gentle", "moderate", "strong");
    public static final List<String> SPACES = List.of("mat", "chair", "bed", "standing");
    public static final List<String> SIDES = List.of("left", "right", "both", "none");
    public static final List<String> INTENSITIES = List.of("gentler", "deeper");

    private Vocabulary() {
    }
}
