package dev.sukha.insights.domain;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ReminderScheduleTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final Set<DayOfWeek> WEEKDAYS = EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY);

    @Test
    void dueAtTheLocalTimeOnTheNextChosenDay() {
        // Friday 2026-12-04 09:00 in Berlin: 08:00 has gone, the weekend is not chosen — Monday 08:00 CET (07:00 UTC).
        Instant friday = ZonedDateTime.of(2026, 12, 4, 9, 0, 0, 0, BERLIN).toInstant();
        assertThat(ReminderSchedule.next(WEEKDAYS, LocalTime.of(8, 0), BERLIN, friday, null))
                .contains(Instant.parse("2026-12-07T07:00:00Z"));
        // Before eight the same day: today.
        Instant early = ZonedDateTime.of(2026, 12, 4, 7, 59, 0, 0, BERLIN).toInstant();
        assertThat(ReminderSchedule.next(WEEKDAYS, LocalTime.of(8, 0), BERLIN, early, null))
                .contains(Instant.parse("2026-12-04T07:00:00Z"));
    }

    @Test
    void aDayRemindedIsNotDueAgainWhenTheTimeMovesLater() {
        Instant nine = ZonedDateTime.of(2026, 12, 4, 9, 0, 0, 0, BERLIN).toInstant();
        assertThat(ReminderSchedule.next(Set.of(DayOfWeek.values()), LocalTime.of(18, 0), BERLIN, nine, LocalDate.of(2026, 12, 4)))
                .contains(Instant.parse("2026-12-05T17:00:00Z"));
    }

    @Test
    void aTimeTheClockSkipsIsTheFirstMomentAfterTheGap() {
        // 2027-03-28: Berlin's clocks go from 02:00 to 03:00; a reminder at 02:30 comes at 03:30 CEST that day.
        Instant before = Instant.parse("2027-03-27T12:00:00Z");
        Optional<Instant> due = ReminderSchedule.next(Set.of(DayOfWeek.SUNDAY), LocalTime.of(2, 30), BERLIN, before, null);
        assertThat(due).contains(Instant.parse("2027-03-28T01:30:00Z"));
        assertThat(due.get().atZone(BERLIN).toLocalDate()).isEqualTo(LocalDate.of(2027, 3, 28));
    }

    @Test
    void itGoesUnlessPractisedPausedOrTooLate() {
        Instant due = Instant.parse("2026-12-07T07:00:00Z");
        assertThat(ReminderSchedule.decide(due, due.plusSeconds(30), false, false)).isEqualTo(ReminderSchedule.Decision.SEND);
        assertThat(ReminderSchedule.decide(due, due.plusSeconds(30), true, false)).isEqualTo(ReminderSchedule.Decision.PRACTISED);
        assertThat(ReminderSchedule.decide(due, due.plusSeconds(30), true, true)).isEqualTo(ReminderSchedule.Decision.PAUSED);
        assertThat(ReminderSchedule.decide(due, due.plus(ReminderSchedule.LATE_LIMIT), false, false)).isEqualTo(ReminderSchedule.Decision.SEND);
        assertThat(ReminderSchedule.decide(due, due.plus(ReminderSchedule.LATE_LIMIT).plusSeconds(1), false, false))
                .isEqualTo(ReminderSchedule.Decision.TOO_LATE);
    }

    @Provide
    Arbitrary<ZoneId> zones() {
        return Arbitraries.of(List.of("Pacific/Auckland", "Europe/Berlin", "America/New_York", "Asia/Kolkata", "Australia/Lord_Howe",
                "UTC", "America/Santiago", "Pacific/Chatham")).map(ZoneId::of);
    }

    @Provide
    Arbitrary<Set<DayOfWeek>> dayChoices() {
        return Arbitraries.of(DayOfWeek.values()).set().ofMinSize(1);
    }

    /** The reference: every chosen day's time from the day before to eight days on, the earliest after {@code after}. */
    private static Optional<Instant> reference(Set<DayOfWeek> days, LocalTime time, ZoneId zone, Instant after, LocalDate lastSent) {
        LocalDate from = after.atZone(zone).toLocalDate().minusDays(1);
        return from.datesUntil(from.plusDays(10)).filter(d -> days.contains(d.getDayOfWeek()) && !d.equals(lastSent))
                .map(d -> ZonedDateTime.of(d, time, zone).toInstant()).filter(i -> i.isAfter(after)).min(Instant::compareTo);
    }

    @Property(tries = 300)
    void nextIsTheEarliestChosenMomentAfterAndSweepsNeverRemindTwiceADay(@ForAll("zones") ZoneId zone, @ForAll("dayChoices") Set<DayOfWeek> days,
                                                                         @ForAll @IntRange(max = 23) int hour, @ForAll @IntRange(max = 59) int minute,
                                                                         @ForAll @IntRange(max = 365 * 3) int dayOffset,
                                                                         @ForAll @IntRange(min = 1, max = 240) int sweepMinutes) {
        LocalTime time = LocalTime.of(hour, minute);
        Instant t = Instant.parse("2026-01-01T00:00:00Z").plusSeconds(dayOffset * 86_400L + minute * 37L);
        // Walk three weeks as a sweep would, each due moment claimed then moved on with its day as the last one reminded.
        Instant due = ReminderSchedule.next(days, time, zone, t, null).orElseThrow();
        assertThat(due).isEqualTo(reference(days, time, zone, t, null).orElseThrow());
        Set<LocalDate> reminded = new HashSet<>();
        Instant end = t.plusSeconds(21 * 86_400L);
        for (Instant now = t; now.isBefore(end); now = now.plusSeconds(sweepMinutes * 60L)) {
            if (!due.isAfter(now)) {
                LocalDate day = ReminderSchedule.day(due, zone);
                assertThat(reminded.add(day)).as("one reminder on %s", day).isTrue();
                assertThat(days).contains(day.getDayOfWeek());
                Instant next = ReminderSchedule.next(days, time, zone, due.isAfter(now) ? due : now, day).orElseThrow();
                assertThat(next).isEqualTo(reference(days, time, zone, now, day).orElseThrow()).isAfter(now);
                due = next;
            }
        }
    }
}
