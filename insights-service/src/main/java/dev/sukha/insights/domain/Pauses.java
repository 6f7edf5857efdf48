package dev.sukha.insights.domain;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A person's pauses (a flare, an illness, a trip). A <em>paused day</em> is a local date
 * inside a pause with no practice day on it: it neither counts towards a streak nor breaks
 * it, and it lowers that week's goal. Overlapping pauses count once. Immutable.
 */
public final class Pauses {

    public static final List<String> REASONS = List.of("flare", "illness", "travel", "other");
    /** How far back a pause may start: flares are not planned. */
    public static final int MAX_DAYS_BACK = 7;
    /** How long a pause may last after it starts, and how far ahead of today it may end. */
    public static final int MAX_DAYS_AHEAD = 90;
    /** Pauses a person may keep; far more than a decade of flares, so that a person's settings stay small. */
    public static final int MAX_PAUSES = 1000;

    private static final Pauses NONE = new Pauses(List.of());

    private final List<Pause> pauses;
    private final PracticeDays covered;

    public Pauses(List<Pause> pauses) {
        this.pauses = pauses.stream().sorted(Comparator.comparing(Pause::from).thenComparing(Pause::to)
                .thenComparing(Pause::id)).toList();
        this.covered = PracticeDays.union(this.pauses.stream().map(p -> PracticeDays.range(p.from(), p.to())).toList());
    }

    public static Pauses none() {
        return NONE;
    }

    /** Every pause, earliest first. */
    public List<Pause> all() {
        return pauses;
    }

    public Optional<Pause> find(String id) {
        return pauses.stream().filter(p -> p.id().equals(id)).findFirst();
    }

    /** The paused days: covered by a pause, and not practice days. */
    public PracticeDays pausedDays(PracticeDays practiced) {
        return covered.minus(practiced);
    }

    /** One field of a pause found wrong, and why. */
    public record Error(String field, String message) {
    }

    /**
     * What is wrong with a new pause from {@code from} to {@code to} (ISO dates, as sent),
     * {@code today} being today in the person's zone; empty when nothing is.
     */
    public static List<Error> check(String from, String to, String reason, LocalDate today, int existing) {
        List<Error> errors = new ArrayList<>();
        LocalDate start = date("from", from, errors);
        LocalDate end = date("to", to, errors);
        if (start != null && start.isBefore(today.minusDays(MAX_DAYS_BACK))) {
            errors.add(new Error("from", "may be at most " + MAX_DAYS_BACK + " days before today (" + today + ")"));
        }
        if (start != null && end != null) {
            if (end.isBefore(start)) {
                errors.add(new Error("to", "must not be before from"));
            } else if (end.isAfter(start.plusDays(MAX_DAYS_AHEAD))) {
                errors.add(new Error("to", "may be at most " + MAX_DAYS_AHEAD + " days after from"));
            }
        }
        if (end != null && end.isAfter(today.plusDays(MAX_DAYS_AHEAD))) {
            errors.add(new Error("to", "may be at most " + MAX_DAYS_AHEAD + " days after today (" + today + ")"));
        }
        if (reason != null && !REASONS.contains(reason)) {
            errors.add(new Error("reason", "unknown reason '" + reason + "': use one of " + REASONS + ", or leave it out"));
        }
        if (existing >= MAX_PAUSES) {
            errors.add(new Error("", "at most " + MAX_PAUSES + " pauses are kept: end one first"));
        }
        return errors;
    }

    private static LocalDate date(String field, String value, List<Error> errors) {
        if (value == null || value.isBlank()) {
            errors.add(new Error(field, "is required: a date like 2026-11-20"));
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (java.time.format.DateTimeParseException e) {
            errors.add(new Error(field, "'" + value + "' is not a date like 2026-11-20"));
            return null;
        }
    }

    /**
     * Ending a pause on {@code today}: the days already rested stay paused, the rest is
     * dropped. A pause that has not started yet, starts today, or is long over is removed
     * whole (empty).
     */
    public static Optional<Pause> end(Pause pause, LocalDate today) {
        if (!pause.from().isBefore(today) || pause.to().isBefore(today)) {
            return Optional.empty();
        }
        return Optional.of(new Pause(pause.id(), pause.from(), today.minusDays(1), pause.reason()));
    }
}
