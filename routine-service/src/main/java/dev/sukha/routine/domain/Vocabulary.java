package dev.sukha.routine.domain;

import java.util.List;

/** The closed word lists of the catalogue, as they appear on the wire: one enum each. */
public final class Vocabulary {
    public static final List<String> AREAS = BodyArea.WIRE;
    public static final List<String> LEVELS = Level.WIRE;
    public static final List<String> SPACES = Space.WIRE;
    public static final List<String> SIDES = Side.WIRE;
    public static final List<String> INTENSITIES = Intensity.WIRE;

    private Vocabulary() {
    }
}
