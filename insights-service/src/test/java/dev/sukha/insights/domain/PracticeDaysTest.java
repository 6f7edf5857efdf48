package dev.sukha.insights.domain;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PracticeDaysTest {

    private static LocalDate d(String s) {
        return LocalDate.parse(s);
    }

    @Test
    void holdsDaysInOrderAndAnswersContainsFirstLastAndBetween() {
        PracticeDays days = PracticeDays.of(d("2026-11-25"), d("2026-11-20"), d("2026-11-21"));
        assertThat(days.all()).containsExactly(d("2026-11-20"), d("2026-11-21"), d("2026-11-25"));
        assertThat(days.contains(d("2026-11-21"))).isTrue();
        assertThat(days.contains(d("2026-11-22"))).isFalse();
        assertThat(days.contains(d("2020-01-01"))).isFalse();
        assertThat(days.first()).contains(d("2026-11-20"));
        assertThat(days.last()).contains(d("2026-11-25"));
        assertThat(days.between(d("2026-11-21"), d("2026-11-30"))).containsExactly(d("2026-11-21"), d("2026-11-25"));
        assertThat(days.lastOnOrBefore(d("2026-11-24"))).contains(d("2026-11-21"));
        assertThat(days.lastOnOrBefore(d("2026-11-19"))).isEmpty();
    }

    @Test
    void aUnionOfYearsWithDifferentOriginsIsEveryDay() {
        PracticeDays a = PracticeDays.of(d("2025-12-31"), d("2026-01-01"));
        PracticeDays b = PracticeDays.of(d("2016-02-29"));
        PracticeDays both = PracticeDays.union(List.of(a, PracticeDays.empty(), b));
        assertThat(both.all()).containsExactly(d("2016-02-29"), d("2025-12-31"), d("2026-01-01"));
        assertThat(both).isEqualTo(PracticeDays.union(List.of(b, a)));
    }

    @Test
    void runsAreCountedAcrossWordsAndYears() {
        List<LocalDate> days = new ArrayList<>();
        for (LocalDate x = d("2025-10-01"); x.isBefore(d("2026-03-01")); x = x.plusDays(1)) {
            days.add(x); // 151 days across a year's end and several 64-day words
        }
        days.add(d("2026-03-03"));
        days.add(d("2026-03-04"));
        PracticeDays set = PracticeDays.of(days);
        assertThat(set.longestRun()).isEqualTo(151);
        assertThat(set.runEndingOn(d("2026-02-28"))).isEqualTo(151);
        assertThat(set.runEndingOn(d("2026-03-04"))).isEqualTo(2);
        assertThat(set.runEndingOn(d("2026-03-02"))).isZero();
        assertThat(set.countBetween(d("2026-02-23"), d("2026-03-08"))).isEqualTo(8);
        assertThat(set.lastOnOrBefore(d("2026-03-02"))).contains(d("2026-02-28"));
        assertThat(set.lastOnOrBefore(d("2030-01-01"))).contains(d("2026-03-04"));
    }

    @Test
    void tenYearsOfDailyPracticeFitInUnderHalfAKilobyte() {
        List<LocalDate> daily = new ArrayList<>();
        for (LocalDate x = d("2016-11-25"); x.isBefore(d("2026-11-25")); x = x.plusDays(1)) {
            daily.add(x);
        }
        PracticeDays days = PracticeDays.of(daily);
        assertThat(days.toBytes().length).isLessThanOrEqualTo((3650 + 63) / 8 + 1); // a bit a day, from a 64-day boundary
        assertThat(PracticeDays.fromBytes(days.origin(), days.toBytes())).isEqualTo(days);
        assertThat(days.size()).isEqualTo(daily.size());
    }
}
