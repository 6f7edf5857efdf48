package dev.sukha.insights.domain;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** An ISO week (Monday to Sunday), written {@code 2026-W48}. Weeks compare in time order. */
public record IsoWeek(int year, int week) implements Comparable<IsoWeek> {

    private static final Pattern FORMAT = Pattern.compile("(\\d{4})-W(\\d{2})");

    public static IsoWeek of(LocalDate date) {
        return new IsoWeek(date.get(IsoFields.WEEK_BASED_YEAR), date.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
    }

    /** Parses {@code 2026-W48}; throws {@link IllegalArgumentException} naming the problem. */
    public static IsoWeek parse(String text) {
        Matcher m = FORMAT.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("must be an ISO week like 2026-W48");
        }
        int year = Integer.parseInt(m.group(1));
        int week = Integer.parseInt(m.group(2));
        LocalDate probe = LocalDate.of(year, 6, 1);
        long weeks = probe.range(IsoFields.WEEK_OF_WEEK_BASED_YEAR).getMaximum();
        if (week < 1 || week > weeks) {
            throw new IllegalArgumentException(year + " has ISO weeks 1 to " + weeks);
        }
        return new IsoWeek(year, week);
    }

    public LocalDate monday() {
        try {
            return LocalDate.of(year, 1, 4)
                    .with(IsoFields.WEEK_OF_WEEK_BASED_YEAR, week)
                    .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(e);
        }
    }

    public LocalDate sunday() {
        return monday().plusDays(6);
    }

    public IsoWeek plus(long weeks) {
        return of(monday().plusWeeks(weeks));
    }

    public boolean contains(LocalDate date) {
        return of(date).equals(this);
    }

    /** Weeks from this week to {@code other} (negative when other is earlier). */
    public long weeksUntil(IsoWeek other) {
        return java.time.temporal.ChronoUnit.WEEKS.between(monday(), other.monday());
    }

    @Override
    public int compareTo(IsoWeek o) {
        return year != o.year ? Integer.compare(year, o.year) : Integer.compare(week, o.week);
    }

    @Override
    public String toString() {
        if (year < 0) {
            return String.format("%04d-W%02d", year, week);
        }
        // Written for every event a batch brings (it is part of the week's _id): no Formatter.
        StringBuilder b = new StringBuilder(8);
        String y = Integer.toString(year);
        for (int i = y.length(); i < 4; i++) {
            b.append('0');
        }
        return b.append(y).append("-W").append(week < 10 ? "0" : "").append(week).toString();
    }
}
