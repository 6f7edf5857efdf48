package dev.sukha.insights.domain;

import java.time.LocalDate;

/**
 * A pause a person took: local dates in their zone, both included; {@code reason} one of
 * {@link Pauses#REASONS} or null.
 */
public record Pause(String id, LocalDate from, LocalDate to, String reason) {

    public boolean covers(LocalDate day) {
        return !day.isBefore(from) && !day.isAfter(to);
    }
}
