package dev.sukha.insights.domain;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IsoWeekTest {

    @Test
    void theFirstOfJanuaryCanBelongToTheLastWeekOfThePreviousYear() {
        // 1 January 2027 is a Friday: ISO week 53 of 2026.
        assertThat(IsoWeek.of(LocalDate.parse("2027-01-01"))).hasToString("2026-W53");
        // 1 January 2026 is a Thursday: week 1 of 2026, which began on Monday 29 December 2025.
        assertThat(IsoWeek.of(LocalDate.parse("2026-01-01"))).hasToString("2026-W01");
        assertThat(IsoWeek.parse("2026-W01").monday()).isEqualTo(LocalDate.parse("2025-12-29"));
    }

    @Test
    void weeksRunMondayToSunday() {
        IsoWeek w = IsoWeek.parse("2026-W48");
        assertThat(w.monday()).isEqualTo(LocalDate.parse("2026-11-23"));
        assertThat(w.sunday()).isEqualTo(LocalDate.parse("2026-11-29"));
        assertThat(w.contains(LocalDate.parse("2026-11-29"))).isTrue();
        assertThat(w.contains(LocalDate.parse("2026-11-30"))).isFalse();
        assertThat(w.plus(1)).hasToString("2026-W49");
        assertThat(IsoWeek.parse("2026-W53").plus(1)).hasToString("2027-W01");
    }

    @Test
    void badWeeksAreRefused() {
        assertThatThrownBy(() -> IsoWeek.parse("2026-48")).hasMessageContaining("2026-W48");
        assertThatThrownBy(() -> IsoWeek.parse("2025-W53")).hasMessageContaining("weeks 1 to 52");
        assertThatThrownBy(() -> IsoWeek.parse("2026-W00")).isInstanceOf(IllegalArgumentException.class);
    }
}
