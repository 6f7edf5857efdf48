package dev.sukha.insights.domain;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;
import java.util.Set;

/**
 * When a reminder is due, and whether it goes. Due on each chosen day at the chosen local time in the person's zone
 * (a time that a clock change skips is the first moment after the gap), at most once a local day: a day a reminder
 * went is never due again, even if the time is moved later that day. It goes unless the person already practised that
 * day or is paused, and not more than an hour late (an instance down, a store restored): a reminder at 08:00 is no
 * help at noon.
 */
public final class ReminderSchedule {

    public static final Duration LATE_LIMIT = Duration.ofHours(1);

    private ReminderSchedule() {
    }

    public enum Decision { SEND, PRACTISED, PAUSED, TOO_LATE }

    /** The first due moment strictly after {@code after} on a day other than {@code lastSentOn} (null: none yet). */
    public static Optional<Instant> next(Set<DayOfWeek> days, LocalTime time, ZoneId zone, Instant after, LocalDate lastSentOn) {
        if (days.isEmpty()) {
            return Optional.empty();
        }
        LocalDate day = after.atZone(zone).toLocalDate();
        // Eight days reach every weekday once past today's time.
        for (int i = 0; i <= 8; i++, day = day.plusDays(1)) {
            if (!days.contains(day.getDayOfWeek()) || day.equals(lastSentOn)) {
                continue;
            }
            Instant at = ZonedDateTime.of(day, time, zone).toInstant();
            if (at.isAfter(after)) {
                return Optional.of(at);
            }
        }
        return Optional.empty();
    }

    /** The person's local day a due moment falls on. */
    public static LocalDate day(Instant due, ZoneId zone) {
        return due.atZone(zone).toLocalDate();
    }

    public static Decision decide(Instant due, Instant now, boolean practisedThatDay, boolean pausedThatDay) {
        if (now.isAfter(due.plus(LATE_LIMIT))) {
            return Decision.TOO_LATE;
        }
        if (pausedThatDay) {
            return Decision.PAUSED;
        }
        return practisedThatDay ? Decision.PRACTISED : Decision.SEND;
    }
}
