package dev.sukha.routine.domain;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Which way an option changes a step; on the wire in lower case. */
public enum Intensity {
    GENTLER, DEEPER;

    /** Every value as on the wire, in this order. */
    public static final List<String> WIRE = Arrays.stream(values()).map(Intensity::wire).toList();

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
