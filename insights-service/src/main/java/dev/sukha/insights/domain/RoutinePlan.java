package dev.sukha.insights.domain;

import java.util.List;

/** What today's session needs of a routine's newest version: its length, where it fits, and its steps in order. */
public record RoutinePlan(String id, int version, String title, int minutes, List<String> spaces, List<Step> steps) {

    public RoutinePlan {
        spaces = List.copyOf(spaces);
        steps = List.copyOf(steps);
    }

    /** A step: its pose, and its side as the catalogue writes it ({@code left}, {@code right}, {@code both}, {@code none}). */
    public record Step(String pose, String side) {
    }

    public boolean fits(java.util.Collection<Space> places, int minutesPerDay) {
        return minutes <= minutesPerDay && places.stream().anyMatch(p -> spaces.contains(p.wire()));
    }
}
