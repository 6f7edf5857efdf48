package dev.sukha.insights.domain;

import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class MinutesTest {

    @Test
    void aSessionLastsFromStartToEnd() {
        assertThat(Minutes.seconds(Sessions.completed("2026-11-20T08:00:00Z", "UTC", 17))).isEqualTo(17 * 60);
    }

    @Test
    void theThreeHourCap() {
        assertThat(Minutes.seconds(Sessions.completed("2026-11-20T08:00:00Z", "UTC", 180))).isEqualTo(3 * 3600);
        assertThat(Minutes.seconds(Sessions.completed("2026-11-20T08:00:00Z", "UTC", 600))).isEqualTo(3 * 3600);
    }

    @Test
    void anUnendedSessionCountsNothing() {
        OffsetDateTime s = OffsetDateTime.parse("2026-11-20T08:00:00Z");
        assertThat(Minutes.seconds(new SessionFacts("x", "r", 1, 4, "UTC", s, null, null, Map.of(), Map.of(), Set.of(), Set.of()))).isZero();
    }

    @Test
    void anEndBeforeItsStartCountsNothing() {
        OffsetDateTime s = OffsetDateTime.parse("2026-11-20T08:00:00Z");
        assertThat(Minutes.seconds(new SessionFacts("x", "r", 1, 4, "UTC", s, SessionFacts.COMPLETED, s.minusMinutes(1),
                Map.of(), Map.of(), Set.of(), Set.of()))).isZero();
    }

    @Test
    void totalSecondsAreRoundedToTheNearestMinute() {
        OffsetDateTime s = OffsetDateTime.parse("2026-11-20T08:00:00Z");
        SessionFacts a = new SessionFacts("a", "r", 1, 4, "UTC", s, SessionFacts.COMPLETED, s.plusSeconds(89), Map.of(), Map.of(), Set.of(), Set.of());
        SessionFacts b = new SessionFacts("b", "r", 1, 4, "UTC", s, SessionFacts.COMPLETED, s.plusSeconds(60), Map.of(), Map.of(), Set.of(), Set.of());
        assertThat(Minutes.of(List.of(a))).isEqualTo(1);          // 1.48
        assertThat(Minutes.of(List.of(a, b))).isEqualTo(2);       // 149 s = 2.48
        SessionFacts c = new SessionFacts("c", "r", 1, 4, "UTC", s, SessionFacts.COMPLETED, s.plusSeconds(90), Map.of(), Map.of(), Set.of(), Set.of());
        assertThat(Minutes.of(List.of(c))).isEqualTo(2);          // 1.5 rounds up
    }
}
