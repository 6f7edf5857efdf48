package dev.sukha.insights.domain;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PausesTest {

    private static final LocalDate TODAY = LocalDate.parse("2026-11-25");

    private static List<String> fields(String from, String to, String reason) {
        return Pauses.check(from, to, reason, TODAY, 0).stream().map(Pauses.Error::field).toList();
    }

    @Test
    void aPauseWithinTheLimitsIsFine() {
        assertThat(fields("2026-11-18", "2026-11-30", "flare")).isEmpty();
        assertThat(fields("2026-11-25", "2026-11-25", null)).isEmpty();
        // to at most 90 days after from and after today, both met exactly.
        assertThat(fields("2026-11-25", "2027-02-23", "travel")).isEmpty();
    }

    @Test
    void fromMayBeAtMostSevenDaysBack() {
        assertThat(fields("2026-11-18", "2026-11-20", null)).isEmpty();
        assertThat(fields("2026-11-17", "2026-11-20", null)).containsExactly("from");
    }

    @Test
    void toMayBeAtMostNinetyDaysAfterFromAndAfterToday() {
        assertThat(fields("2026-11-25", "2027-02-24", null)).containsExactly("to", "to");
        assertThat(fields("2026-11-18", "2027-02-16", null)).isEmpty();
        assertThat(fields("2026-11-18", "2027-02-17", null)).containsExactly("to");
        assertThat(fields("2026-12-01", "2027-02-24", null)).containsExactly("to");
    }

    @Test
    void everyFieldThatIsWrongIsNamed() {
        assertThat(fields(null, "2026-11-02", "nap")).containsExactly("from", "reason");
        assertThat(fields("2026-11-30", "2026-11-29", null)).containsExactly("to");
        assertThat(fields("yesterday", "2026-13-01", null)).containsExactly("from", "to");
        assertThat(Pauses.check("2026-11-25", "2026-11-26", null, TODAY, Pauses.MAX_PAUSES)).hasSize(1);
    }

    @Test
    void endingAPauseKeepsTheDaysAlreadyRestedAndDropsTheRest() {
        Pause running = new Pause("p", LocalDate.parse("2026-11-20"), LocalDate.parse("2026-11-30"), "flare");
        assertThat(Pauses.end(running, TODAY)).contains(new Pause("p", LocalDate.parse("2026-11-20"),
                LocalDate.parse("2026-11-24"), "flare"));
        // Not started, starting today, or over: removed whole.
        assertThat(Pauses.end(new Pause("p", TODAY.plusDays(1), TODAY.plusDays(3), null), TODAY)).isEmpty();
        assertThat(Pauses.end(new Pause("p", TODAY, TODAY.plusDays(3), null), TODAY)).isEmpty();
        assertThat(Pauses.end(new Pause("p", TODAY.minusDays(5), TODAY.minusDays(2), null), TODAY)).isEmpty();
    }

    @Test
    void aCancelledPauseNoLongerPausesAnything() {
        PracticeDays practiced = PracticeDays.of(LocalDate.parse("2026-11-22"));
        Pause flare = new Pause("f", LocalDate.parse("2026-11-23"), LocalDate.parse("2026-11-25"), "flare");
        assertThat(new Pauses(List.of(flare)).pausedDays(practiced).size()).isEqualTo(3);
        assertThat(Streak.of(practiced, new Pauses(List.of(flare)).pausedDays(practiced), TODAY).current()).isEqualTo(1);
        // Cancelled (DELETE before it started, or the removal of a mistaken one): gone.
        assertThat(Streak.of(practiced, Pauses.none().pausedDays(practiced), TODAY).current()).isZero();
    }

    @Test
    void pausesAreListedEarliestFirst() {
        Pauses pauses = new Pauses(List.of(new Pause("b", TODAY, TODAY, null),
                new Pause("a", TODAY.minusDays(3), TODAY.minusDays(1), null)));
        assertThat(pauses.all()).extracting(Pause::id).containsExactly("a", "b");
        assertThat(pauses.find("b")).isPresent();
        assertThat(pauses.find("c")).isEmpty();
    }
}
