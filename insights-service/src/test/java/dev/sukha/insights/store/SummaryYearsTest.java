package dev.sukha.insights.store;

import dev.sukha.insights.domain.History;
import dev.sukha.insights.domain.IsoWeek;
import dev.sukha.insights.domain.SessionFacts;
import dev.sukha.insights.domain.StepFeel;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import org.bson.Document;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A summary read latest year first, skipping the alerts part of years the later ones settle,
 * gives exactly the history of all the sessions at once — sessions near New Year in zones
 * 14 hours ahead of UTC or 12 behind, poses rated, skipped for pain or practised only long ago.
 */
class SummaryYearsTest {

    private static final List<String> ZONES = List.of("UTC", "Pacific/Kiritimati", "Etc/GMT+12", "Asia/Kolkata", "America/Los_Angeles");
    private static final List<String> POSES = List.of("cat-cow", "thread-the-needle", "bridge");
    private static final OffsetDateTime FIRST = OffsetDateTime.parse("2022-12-20T00:00:00Z");

    @Provide
    Arbitrary<SessionFacts> session() {
        Arbitrary<StepFeel> feel = Combinators.combine(Arbitraries.of(POSES), Arbitraries.integers().between(0, 10).injectNull(0.5),
                Arbitraries.of("pain", "other").injectNull(0.6)).as((pose, discomfort, reason) ->
                new StepFeel(pose, "none", "Gentler " + pose, reason == null ? discomfort : null, reason));
        // Most sessions crowd the weeks around New Year, where a year's last sessions and the next year's first ones meet.
        Arbitrary<Long> minutes = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, Arbitraries.longs().between(0, 3L * 366 * 24 * 60)),
                net.jqwik.api.Tuple.of(2, Arbitraries.of(0, 1, 2).flatMap(y -> Arbitraries.longs()
                        .between((y * 365L + 5) * 24 * 60, (y * 365L + 20) * 24 * 60))));
        return Combinators.combine(minutes, Arbitraries.of(ZONES), Arbitraries.integers().between(0, 10).injectNull(0.3),
                Arbitraries.integers().between(0, 10), feel.list().ofMaxSize(4)).as((at, zone, before, after, feels) -> {
            OffsetDateTime start = FIRST.plusMinutes(at);
            Map<Integer, StepFeel> byStep = new TreeMap<>();
            for (int i = 0; i < feels.size(); i++) {
                byStep.put(i, feels.get(i));
            }
            return new SessionFacts(UUID.randomUUID().toString(), "upper-back-release", 1, 4, zone, start, SessionFacts.COMPLETED,
                    start.plusMinutes(15), before == null ? Map.of() : Map.of("neck", before),
                    before == null ? Map.of() : Map.of("neck", after), byStep.keySet(), Set.of(), byStep);
        });
    }

    @Property(tries = 500)
    void readingYearsLatestFirstGivesTheWholeHistory(@ForAll("sessions") List<SessionFacts> sessions) {
        Map<Integer, List<SessionFacts>> byYear = new TreeMap<>();
        sessions.forEach(s -> byYear.computeIfAbsent(IsoWeek.of(s.localDate()).year(), y -> new java.util.ArrayList<>()).add(s));
        Document summary = new Document();
        byYear.forEach((year, list) -> put(summary, year, History.of(list)));
        History expected = History.of(sessions);
        History read = ProjectionReader.history(summary, true, SEAL);
        assertThat(read).isEqualTo(expected);
        assertThat(read.alerts()).isEqualTo(expected.alerts());
        Statistics.label("alerts").collect(expected.alerts().isEmpty() ? "none" : "some");
        // Not vacuous: in many histories, the later years do settle an older one, whose alerts part is then skipped.
        boolean settles = false;
        for (int year : byYear.keySet()) {
            List<SessionFacts> after = sessions.stream().filter(s -> IsoWeek.of(s.localDate()).year() > year).toList();
            settles |= History.of(after).alertsUnchangedBy(History.AlertCounts.of(History.of(byYear.get(year))),
                    new IsoWeek(year + 1, 1).monday());
        }
        Statistics.label("an older year settled").collect(settles);
        Statistics.label("an older year settled").coverage(c -> c.check(true).count(n -> n >= 50));
    }

    @Provide
    Arbitrary<List<SessionFacts>> sessions() {
        return session().list().ofMaxSize(120);
    }

    @Property(tries = 100)
    void aLaterYearWithEnoughOfEachKindSettlesAnOlderOne(@ForAll("sessions") List<SessionFacts> older) {
        // Daily sessions with pain through 2026, every pose rated and reached: nothing of 2024 or before can count.
        List<SessionFacts> later = new java.util.ArrayList<>();
        for (int d = 0; d < 30; d++) {
            OffsetDateTime start = OffsetDateTime.of(2026, 3, 1, 8, 0, 0, 0, ZoneOffset.UTC).plusDays(d);
            Map<Integer, StepFeel> feels = new TreeMap<>();
            for (int i = 0; i < POSES.size(); i++) {
                feels.put(i, new StepFeel(POSES.get(i), "none", null, 3, null));
            }
            later.add(new SessionFacts(UUID.randomUUID().toString(), "upper-back-release", 1, 3, "UTC", start,
                    SessionFacts.COMPLETED, start.plusMinutes(15), Map.of("neck", 5), Map.of("neck", 3), feels.keySet(), Set.of(), feels));
        }
        History settled = History.of(later);
        assertThat(settled.alertsUnchangedBy(History.AlertCounts.of(History.of(older)), new IsoWeek(2025, 1).monday())).isTrue();
        assertThat(History.merge(List.of(settled, History.of(older))).alerts()).isEqualTo(settled.alerts());
        // A pose the later year never reached, practised before: the older year must be read.
        SessionFacts bridgeOnly = new SessionFacts(UUID.randomUUID().toString(), "r", 1, 1, "UTC", FIRST, SessionFacts.COMPLETED,
                FIRST.plusMinutes(5), Map.of(), Map.of(), Set.of(0), Set.of(), Map.of(0, new StepFeel("pigeon", "left", null, 8, null)));
        assertThat(settled.alertsUnchangedBy(History.AlertCounts.of(History.of(List.of(bridgeOnly))), new IsoWeek(2025, 1).monday()))
                .isFalse();
    }

    @net.jqwik.api.Example
    void aPoseRatedOnTheLastEveningOfAYearFarWestCountsAfterTheNextYearsFirstRatings() {
        // ISO 2026 starts on Monday 2025-12-29; its first three ratings of bridge come in the small hours, UTC.
        List<SessionFacts> sessions = new java.util.ArrayList<>();
        for (int h = 1; h <= 3; h++) {
            sessions.add(rated(OffsetDateTime.parse("2025-12-29T0" + h + ":00:00Z"), "UTC", 2));
        }
        // The last evening of ISO 2025, twelve hours behind UTC: it starts at 11:30 UTC on the Monday.
        sessions.add(rated(OffsetDateTime.parse("2025-12-28T23:30:00-12:00"), "Etc/GMT+12", 9));
        Document summary = new Document();
        for (int year : List.of(2025, 2026)) {
            put(summary, year, History.of(sessions.stream().filter(s -> IsoWeek.of(s.localDate()).year() == year).toList()));
        }
        History read = ProjectionReader.history(summary, true, SEAL);
        assertThat(read.poses().get("bridge").ratings()).extracting(r -> r.start().toString())
                .containsExactly("2025-12-29T02:00:00Z", "2025-12-29T03:00:00Z", "2025-12-29T11:30:00Z");
        assertThat(read).isEqualTo(History.of(sessions));
    }

    private static SessionFacts rated(OffsetDateTime start, String zone, int discomfort) {
        return new SessionFacts(UUID.randomUUID().toString(), "upper-back-release", 1, 1, zone, start, SessionFacts.COMPLETED,
                start.plusMinutes(15), Map.of(), Map.of(), Set.of(0), Set.of(),
                Map.of(0, new StepFeel("bridge", "none", null, discomfort, null)));
    }

    /** A year's entry in a summary, as the writer puts it. */
    /** Sealed as the writer seals a person's summary. */
    private static final PersonSeal SEAL = TestSeals.of("ana");

    private static void put(Document summary, int year, History h) {
        String y = Integer.toString(year);
        ((Document) summary.computeIfAbsent("y", k -> new Document())).append(y, new Document("v", 1L)
                .append("h", SEAL.seal(PersonSeal.Kind.YEAR_CORE, y, HistoryJson.historyCore(h)))
                .append("k", SEAL.seal(PersonSeal.Kind.YEAR_COUNTS, y, HistoryJson.alertCounts(h))));
        ((Document) summary.computeIfAbsent(ProjectionReader.ALERTS, k -> new Document())).append(y,
                new Document("v", 1L).append("a", SEAL.seal(PersonSeal.Kind.YEAR_ALERTS, y, HistoryJson.historyAlerts(h))));
    }
}
