package dev.sukha.session.domain;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Why a pose was skipped ({@code reason} on {@code POSE_SKIPPED}); on the wire in lower case. */
public enum SkipReason {
    PAIN, TOO_HARD, NO_TIME, OTHER;

    /** Every value as on the wire, in this order. */
    public static final List<String> WIRE = Arrays.stream(values()).map(SkipReason::wire).toList();

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
