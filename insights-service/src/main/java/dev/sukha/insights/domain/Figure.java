package dev.sukha.insights.domain;

import java.util.EnumSet;
import java.util.Set;

/**
 * The figures a person reads, each with its own tag, and what each is computed from: the events, the settings, the
 * catalogue's names, today's date. What changes which figure is a rule of the figures, not of how they are served.
 */
public enum Figure {
    STREAK("streak"), WEEK("week"), TREND("trend"), RELIEF("relief"), DISCOMFORT("discomfort"), ASYMMETRY("asymmetry"),
    PAUSES("pauses"), INTAKE("intake"), NEXT("next"), EXPORT("export"), REPORT("report");

    public final String name;

    Figure(String name) {
        this.name = name;
    }

    /** The figures the person's events feed (and so the projection's generation). */
    public static final Set<Figure> FROM_EVENTS = EnumSet.of(STREAK, WEEK, TREND, RELIEF, DISCOMFORT, ASYMMETRY, NEXT, EXPORT, REPORT);
    /** The figures their settings (goal, pauses, intake) feed. */
    public static final Set<Figure> FROM_SETTINGS = EnumSet.of(STREAK, WEEK, PAUSES, INTAKE, NEXT, EXPORT, REPORT);
    /** The figures that name routines and poses from the catalogue. */
    public static final Set<Figure> FROM_CATALOGUE = EnumSet.of(RELIEF, TREND, DISCOMFORT, ASYMMETRY, NEXT);
    /** The figures whose bodies depend on today's date (in the person's zone). */
    public static final Set<Figure> DAILY = EnumSet.of(STREAK, WEEK, TREND, DISCOMFORT, ASYMMETRY, NEXT, REPORT);
}
