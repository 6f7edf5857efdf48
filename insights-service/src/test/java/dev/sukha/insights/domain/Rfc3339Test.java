package dev.sukha.insights.domain;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import org.junit.jupiter.api.Test;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link Rfc3339} against the JDK's own formatter, which it must agree with on every input. */
class Rfc3339Test {

    private static final DateTimeFormatter ISO = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

    @Test
    void readsAndWritesTheShapesRecordsCarry() {
        assertThat(Rfc3339.parse("2026-11-30T07:05:00Z"))
                .isEqualTo(OffsetDateTime.of(2026, 11, 30, 7, 5, 0, 0, ZoneOffset.UTC));
        assertThat(Rfc3339.parse("2026-11-30T07:05:00.120+05:30"))
                .isEqualTo(OffsetDateTime.of(2026, 11, 30, 7, 5, 0, 120_000_000, ZoneOffset.ofHoursMinutes(5, 30)));
        assertThat(Rfc3339.format(OffsetDateTime.of(2026, 11, 30, 7, 5, 0, 120_000_000, ZoneOffset.ofHours(-3))))
                .isEqualTo("2026-11-30T07:05:00.12-03:00");
        assertThat(Rfc3339.format(OffsetDateTime.of(2026, 1, 2, 3, 4, 5, 6, ZoneOffset.UTC)))
                .isEqualTo("2026-01-02T03:04:05.000000006Z");
    }

    @Test
    void refusesWhatTheFormatterRefusesWithItsMessage() {
        for (String bad : new String[]{"2026-02-30T07:05:00Z", "2026-11-30T24:00:00Z", "2026-11-30T07:05:00",
                "2026-11-30T07:05:00+19:00", "2026-11-30T07:05:00.1234567890Z", "2026-11-30 07:05:00Z"}) {
            assertThatThrownBy(() -> Rfc3339.parse(bad)).as(bad).isInstanceOf(DateTimeParseException.class)
                    .hasMessage(jdkRefusal(bad));
        }
    }

    @Property(tries = 3000)
    void writesAsTheFormatterDoesAndReadsBackTheSame(@ForAll("dateTimes") OffsetDateTime t) {
        String text = Rfc3339.format(t);
        assertThat(text).isEqualTo(ISO.format(t));
        assertThat(Rfc3339.parse(text)).isEqualTo(OffsetDateTime.parse(text));
    }

    /** Near misses of valid text (a character changed, dropped or added): the same answer or the same refusal. */
    @Property(tries = 5000)
    void agreesWithTheFormatterOnNearMisses(@ForAll("dateTimes") OffsetDateTime t, @ForAll("edits") Edit edit) {
        String text = edit.apply(ISO.format(t));
        OffsetDateTime expected;
        try {
            expected = OffsetDateTime.parse(text);
        } catch (DateTimeParseException e) {
            Statistics.label("near miss").collect("refused");
            Statistics.label("near miss").coverage(c -> c.check("refused").percentage(p -> p > 20));
            assertThatThrownBy(() -> Rfc3339.parse(text)).as(text).isInstanceOf(DateTimeParseException.class)
                    .hasMessage(e.getMessage());
            return;
        }
        Statistics.label("near miss").collect("read");
        Statistics.label("near miss").coverage(c -> c.check("read").percentage(p -> p > 5));
        assertThat(Rfc3339.parse(text)).as(text).isEqualTo(expected);
    }

    private static String jdkRefusal(String text) {
        try {
            OffsetDateTime.parse(text);
        } catch (DateTimeParseException e) {
            return e.getMessage();
        }
        throw new AssertionError(text + " was read by the JDK");
    }

    @Provide
    Arbitrary<OffsetDateTime> dateTimes() {
        Arbitrary<Integer> years = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(8, Arbitraries.integers().between(1990, 2210)),
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(-20_000, 20_000)));
        Arbitrary<Integer> nanos = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, Arbitraries.just(0)),
                net.jqwik.api.Tuple.of(2, Arbitraries.integers().between(0, 999).map(ms -> ms * 1_000_000)),
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(0, 999_999_999)));
        Arbitrary<ZoneOffset> offsets = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, Arbitraries.just(ZoneOffset.UTC)),
                net.jqwik.api.Tuple.of(4, Arbitraries.integers().between(-18 * 4, 18 * 4).map(q -> ZoneOffset.ofTotalSeconds(q * 900))),
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(-18 * 3600, 18 * 3600).map(ZoneOffset::ofTotalSeconds)));
        return Combinators.combine(years, Arbitraries.longs().between(0, 365L * 86_400 - 1), nanos, offsets)
                .as((year, secondOfYear, nano, offset) -> OffsetDateTime.of(
                        LocalDateTime.of(year, 1, 1, 0, 0).plusSeconds(secondOfYear).withNano(nano), offset));
    }

    /** One change to a text: a character replaced, removed or inserted, from characters a date-time holds. */
    record Edit(int kind, double where, char c) {
        String apply(String s) {
            int at = (int) (where * s.length());
            return switch (kind) {
                case 0 -> s.substring(0, at) + c + s.substring(Math.min(s.length(), at + 1));
                case 1 -> s.substring(0, at) + s.substring(Math.min(s.length(), at + 1));
                case 2 -> s.substring(0, at) + c + s.substring(at);
                default -> s;
            };
        }
    }

    @Provide
    Arbitrary<Edit> edits() {
        return Combinators.combine(Arbitraries.integers().between(0, 3), Arbitraries.doubles().between(0, 0.999).ofScale(3),
                Arbitraries.of('0', '1', '2', '3', '5', '9', '-', '+', ':', '.', 'T', 't', 'Z', 'z', ' ')).as(Edit::new);
    }
}
