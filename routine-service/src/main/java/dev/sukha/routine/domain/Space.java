package dev.sukha.routine.domain;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Where a routine fits; on the wire in lower case. */
public enum Space {
    MAT, CHAIR, BED, STANDING;

    /** Every value as on the wire, in this order. */
    public static final List<String> WIRE = Arrays.stream(values()).map(Space::wire).toList();

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
