package dev.sukha.insights.domain;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Reads and writes an event's date-time exactly as {@link DateTimeFormatter#ISO_OFFSET_DATE_TIME}
 * does, with a direct path for the shape every record carries ({@code 2026-11-30T07:05:00Z},
 * {@code 2026-11-30T07:05:00.123+01:00}). A catch-up reads two of them per record and the stored
 * event lines one more each: through the formatter that was a sixth of insights' CPU and a quarter of
 * what it allocated (a parse builds and copies hash maps of fields). Anything outside the direct
 * path (another shape, a value out of range, an offset with seconds, a year past 9999) goes through
 * the formatter itself, so both the results and the refusals are the JDK's.
 */
public final class Rfc3339 {

    private static final DateTimeFormatter ISO = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

    private Rfc3339() {
    }

    /** Parses as {@code OffsetDateTime.parse} does, throwing its {@link java.time.format.DateTimeParseException}. */
    public static OffsetDateTime parse(CharSequence text) {
        OffsetDateTime direct = direct(text);
        return direct != null ? direct : OffsetDateTime.parse(text, ISO);
    }

    /** Writes as {@code ISO_OFFSET_DATE_TIME.format} does. */
    public static String format(OffsetDateTime t) {
        int year = t.getYear();
        int offset = t.getOffset().getTotalSeconds();
        if (year < 0 || year > 9999 || offset % 60 != 0) {
            return ISO.format(t);
        }
        StringBuilder b = new StringBuilder(35);
        pad(b, year, 4).append('-');
        pad(b, t.getMonthValue(), 2).append('-');
        pad(b, t.getDayOfMonth(), 2).append('T');
        pad(b, t.getHour(), 2).append(':');
        pad(b, t.getMinute(), 2).append(':');
        pad(b, t.getSecond(), 2);
        int nano = t.getNano();
        if (nano != 0) {
            // The formatter's fraction: as few digits as the value needs (trailing zeros dropped).
            int digits = 9;
            while (nano % 10 == 0) {
                nano /= 10;
                digits--;
            }
            b.append('.');
            pad(b, nano, digits);
        }
        if (offset == 0) {
            b.append('Z');
        } else {
            int abs = Math.abs(offset);
            b.append(offset < 0 ? '-' : '+');
            pad(b, abs / 3600, 2).append(':');
            pad(b, abs / 60 % 60, 2);
        }
        return b.toString();
    }

    /** {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}](Z|±HH:MM)} with values in range, or null for the formatter to decide. */
    private static OffsetDateTime direct(CharSequence s) {
        int n = s.length();
        if (n < 20 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T'
                || s.charAt(13) != ':' || s.charAt(16) != ':') {
            return null;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        int second = digits(s, 17, 2);
        if ((year | month | day | hour | minute | second) < 0) {
            return null;
        }
        int i = 19;
        int nano = 0;
        if (s.charAt(i) == '.') {
            int start = ++i;
            while (i < n && i - start < 9 && isDigit(s.charAt(i))) {
                nano = nano * 10 + (s.charAt(i) - '0');
                i++;
            }
            int count = i - start;
            if (count == 0 || (i < n && isDigit(s.charAt(i)))) {
                return null; // no digit, or more than nine
            }
            for (int k = count; k < 9; k++) {
                nano *= 10;
            }
        }
        ZoneOffset offset;
        if (i == n - 1 && s.charAt(i) == 'Z') {
            offset = ZoneOffset.UTC;
        } else if (i == n - 6 && (s.charAt(i) == '+' || s.charAt(i) == '-') && s.charAt(i + 3) == ':') {
            int oh = digits(s, i + 1, 2);
            int om = digits(s, i + 4, 2);
            if ((oh | om) < 0 || oh > 18 || om > 59) {
                return null;
            }
            int total = (oh * 3600 + om * 60) * (s.charAt(i) == '-' ? -1 : 1);
            if (Math.abs(total) > 18 * 3600) {
                return null;
            }
            offset = ZoneOffset.ofTotalSeconds(total);
        } else {
            return null;
        }
        try {
            return OffsetDateTime.of(LocalDateTime.of(LocalDate.of(year, month, day), LocalTime.of(hour, minute, second, nano)), offset);
        } catch (DateTimeException outOfRange) {
            return null; // 30 February, 24:00 and the like: the formatter says what is wrong
        }
    }

    private static int digits(CharSequence s, int from, int count) {
        int v = 0;
        for (int i = from; i < from + count; i++) {
            char c = s.charAt(i);
            if (!isDigit(c)) {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static StringBuilder pad(StringBuilder b, int value, int width) {
        String digits = Integer.toString(value);
        for (int k = digits.length(); k < width; k++) {
            b.append('0');
        }
        return b.append(digits);
    }
}
