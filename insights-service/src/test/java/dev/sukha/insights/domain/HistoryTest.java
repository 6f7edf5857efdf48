package dev.sukha.insights.domain;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class HistoryTest {

    private static SessionFacts session(OffsetDateTime start, String routine, Integer before, Integer after) {
        return new SessionFacts(UUID.randomUUID().toString(), routine, 1, 4, "UTC", start, SessionFacts.COMPLETED,
                start.plusMinutes(15), before == null ? Map.of() : Map.of("neck", before),
                after == null ? Map.of() : Map.of("neck", after), Set.of(0, 1, 2, 3), Set.of());
    }

    /** Ten years of daily practice: pain easing, some sessions without ratings. */
    private static List<SessionFacts> tenYears() {
        Random r = new Random(11);
        List<SessionFacts> sessions = new ArrayList<>();
        OffsetDateTime first = OffsetDateTime.parse("2016-11-28T07:00:00Z");
        for (int d = 0; d < 3650; d++) {
            if (r.nextInt(10) == 0) {
                continue;
            }
            boolean rated = r.nextInt(4) > 0;
            sessions.add(session(first.plusDays(d), r.nextBoolean() ? "upper-back-release" : "neck-and-jaw",
                    rated ? 3 + r.nextInt(6) : null, rated ? r.nextInt(6) : null));
        }
        return sessions;
    }

    @Test
    void weeksMergedIntoYearsAndYearsIntoALifeEqualTheWholeAtOnce() {
        List<SessionFacts> sessions = tenYears();
        Map<Integer, List<History>> byYear = new TreeMap<>();
        Map<IsoWeek, List<SessionFacts>> byWeek = new TreeMap<>();
        sessions.forEach(s -> byWeek.computeIfAbsent(IsoWeek.of(s.localDate()), w -> new ArrayList<>()).add(s));
        byWeek.forEach((w, list) -> byYear.computeIfAbsent(w.year(), y -> new ArrayList<>()).add(History.ofWeek(w, list)));
        List<History> years = new ArrayList<>();
        byYear.values().forEach(weeks -> {
            Collections.shuffle(weeks, new Random(3));
            years.add(History.merge(weeks));
        });
        Collections.reverse(years);
        History merged = History.merge(years);
        History whole = History.of(sessions);
        assertThat(merged).isEqualTo(whole);
        assertThat(merged.days().size()).isEqualTo(sessions.size());
    }

    @Test
    void aLifeKeepsThreeSessionsAndFourWeeksForTheAlertAndOneEntryPerRoutine() {
        History h = History.of(tenYears());
        assertThat(h.lastSessionsWithPain()).hasSizeLessThanOrEqualTo(3);
        assertThat(h.lastWeeksWithPain()).hasSize(4);
        assertThat(h.routines()).containsOnlyKeys("upper-back-release", "neck-and-jaw");
        assertThat(h.latest().start().toString()).startsWith("2026-11-2");
    }

    @Test
    void theAlertSeesTheLastSessionsWithRatingsHoweverLongAgo() {
        // Worse twice two years ago, never rated since: those are still the last three with both ratings.
        List<SessionFacts> sessions = new ArrayList<>();
        OffsetDateTime t = OffsetDateTime.parse("2024-03-04T08:00:00Z");
        sessions.add(session(t, "r", 3, 6));
        sessions.add(session(t.plusDays(1), "r", 3, 3));
        sessions.add(session(t.plusDays(2), "r", 3, 6));
        for (int d = 10; d < 700; d += 3) {
            sessions.add(session(t.plusDays(d), "r", null, null));
        }
        assertThat(History.of(sessions).alerts()).singleElement()
                .satisfies(a -> assertThat(a.since()).isEqualTo(LocalDate.parse("2024-03-04")));
    }

    @Test
    void routineTotalsAreExactSums() {
        History h = History.of(List.of(
                session(OffsetDateTime.parse("2026-11-02T08:00:00Z"), "r", 6, 3),
                session(OffsetDateTime.parse("2026-11-10T08:00:00Z"), "r", 5, 4),
                session(OffsetDateTime.parse("2026-11-18T08:00:00Z"), "r", null, null)));
        assertThat(h.routines().get("r")).isEqualTo(new RoutineTotals(3, 2, 4 * Relief.SCALE, 1));
    }
}
