package dev.sukha.insights.domain;

import java.time.LocalDate;
import java.util.Set;

/**
 * A person's record that a clinician has cleared them to exercise: the day they were seen, and the
 * safety screen's answers that visit was about (those of their intake when they recorded it).
 */
public record Clearance(LocalDate clearedOn, Set<RedFlag> cleared) {

    public Clearance {
        cleared = Set.copyOf(cleared);
    }
}
