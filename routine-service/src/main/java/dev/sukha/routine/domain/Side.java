package dev.sukha.routine.domain;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Which side a step works; on the wire in lower case. */
public enum Side {
    LEFT, RIGHT, BOTH, NONE;

    /** Every value as on the wire, in this order. */
    public static final List<String> WIRE = Arrays.stream(values()).map(Side::wire).toList();

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
