package dev.sukha.insights.domain;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The body areas a person rates pain in, and routines focus on; on the wire in lower case ({@code upper_back}). */
public enum BodyArea {
    NECK, SHOULDERS, UPPER_BACK, MID_BACK, LOWER_BACK, HIPS, KNEES, FEET, WRISTS, JAW, CHEST, TAILBONE;

    /** Every area as on the wire, in this order. */
    public static final List<String> WIRE = Arrays.stream(values()).map(BodyArea::wire).toList();

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<BodyArea> of(String wire) {
        return Arrays.stream(values()).filter(a -> a.wire().equals(wire)).findFirst();
    }
}
