package dev.sukha.routine.domain;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** How demanding a routine is; on the wire in lower case. */
public enum Level {
    GENTLE, MODERATE, STRONG;

    /** Every value as on the wire, in this order. */
    public static final List<String> WIRE = Arrays.stream(values()).map(Level::wire).toList();

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
