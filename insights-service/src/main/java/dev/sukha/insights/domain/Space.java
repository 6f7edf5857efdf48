package dev.sukha.insights.domain;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Where a person can practise, as the catalogue says where a routine fits; on the wire in lower case. */
public enum Space {
    MAT, CHAIR, BED, STANDING;

    public static final List<String> WIRE = Arrays.stream(values()).map(Space::wire).toList();

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
