package dev.sukha.insights.store;

import dev.sukha.insights.domain.EventType;
import dev.sukha.insights.domain.History;
import dev.sukha.insights.domain.PracticeEvent;
import dev.sukha.insights.domain.SessionFacts;
import dev.sukha.insights.domain.StepFeel;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** What the store keeps reads back as it was written, including lines written before a field existed. */
class StoredValuesTest {

    private static final String SESSION = UUID.randomUUID().toString();
    private static final OffsetDateTime AT = OffsetDateTime.parse("2026-11-25T07:31:00+01:00");

    private static PracticeEvent completed(StepFeel feel) {
        return new PracticeEvent(UUID.randomUUID().toString(), SESSION, EventType.POSE_COMPLETED, AT, "upper-back-release", 2, 9,
                "Europe/Paris", 5, null, AT.minusMinutes(1), feel);
    }

    @Test
    void anEventsStepFeelRoundTripsWhateverItsGentlerLabelHolds() {
        for (StepFeel feel : List.of(new StepFeel("thread-the-needle", "left", "Stay on the forearm | or a cushion, 50%+", 7, null),
                new StepFeel("thread-the-needle", "right", "Épaule posée sur un coussin", null, "pain"),
                new StepFeel("cat-cow", "none", null, 0, null))) {
            PracticeEvent e = completed(feel);
            String line = EventLines.event(e);
            assertThat(line.split(" ")).hasSize(6);
            PracticeEvent back = EventLines.event(SESSION, EventLines.context(e), line);
            assertThat(back.feel()).isEqualTo(feel);
            assertThat(back.eventId()).isEqualTo(e.eventId());
        }
    }

    @Test
    void linesWrittenBeforeRatingsExistedStillRead() {
        String id = UUID.randomUUID().toString();
        PracticeEvent old = EventLines.event(SESSION, "upper-back-release 2 9 Europe/Paris", id + " PC 2026-11-25T07:31:00+01:00 5 -");
        assertThat(old.feel()).isNull();
        assertThat(old.step()).isEqualTo(5);
        assertThat(EventLines.event(completed(null))).doesNotContain("|");
    }

    @Test
    void factsKeepTheirFeelsAndOldFactsHaveNone() {
        SessionFacts facts = new SessionFacts(SESSION, "r", 1, 9, "UTC", AT, SessionFacts.COMPLETED, AT.plusMinutes(10),
                Map.of("neck", 4), Map.of("neck", 2), Set.of(1, 2), Set.of(3),
                Map.of(1, new StepFeel("thread-the-needle", "left", "Cushion", 6, null),
                        3, new StepFeel("bridge", "none", null, null, "pain")));
        assertThat(FactsJson.facts(SESSION, FactsJson.facts(facts))).isEqualTo(facts);
        SessionFacts plain = new SessionFacts(SESSION, "r", 1, 9, "UTC", AT, null, null, Map.of(), Map.of(), Set.of(), Set.of());
        assertThat(FactsJson.facts(plain)).doesNotContain("{\"");
        assertThat(FactsJson.facts(SESSION, FactsJson.facts(plain))).isEqualTo(plain);
    }

    @Test
    void aHistoryKeepsEachPosesRecentRatingsAndReaches() {
        SessionFacts facts = new SessionFacts(SESSION, "r", 1, 9, "UTC", AT, SessionFacts.COMPLETED, AT.plusMinutes(10),
                Map.of(), Map.of(), Set.of(1), Set.of(3),
                Map.of(1, new StepFeel("thread-the-needle", "left", "Cushion", 8, null),
                        3, new StepFeel("bridge", "none", null, null, "pain")));
        History h = History.of(List.of(facts));
        assertThat(h.poses()).containsOnlyKeys("thread-the-needle", "bridge");
        assertThat(HistoryJson.history(HistoryJson.history(h))).isEqualTo(h);
        assertThat(HistoryJson.history(HistoryJson.history(History.empty())).poses()).isEmpty();
    }

    @Test
    void aSummarysYearKeepsItsCoreAndItsAlertsApartAndReadsSummariesWrittenBeforeTheSplit() {
        SessionFacts facts = new SessionFacts(SESSION, "upper-back-release", 1, 9, "Europe/Paris", AT, SessionFacts.COMPLETED,
                AT.plusMinutes(10), Map.of("neck", 6), Map.of("neck", 3), Set.of(1), Set.of(3),
                Map.of(1, new StepFeel("thread-the-needle", "left", "Cushion", 8, null),
                        3, new StepFeel("bridge", "none", null, null, "pain")));
        History h = History.of(List.of(facts));
        assertThat(h.lastSessionsWithPain()).isNotEmpty();
        String core = HistoryJson.historyCore(h);
        String alerts = HistoryJson.historyAlerts(h);
        assertThat(core).doesNotContain("bridge", "thread-the-needle");

        assertThat(HistoryJson.history(core, alerts, true)).isEqualTo(h);
        History withoutAlerts = HistoryJson.history(core, alerts, false);
        assertThat(withoutAlerts.days()).isEqualTo(h.days());
        assertThat(withoutAlerts.routines()).isEqualTo(h.routines());
        assertThat(withoutAlerts.latest()).isEqualTo(h.latest());
        assertThat(withoutAlerts.alerts()).isEmpty();
        assertThat(withoutAlerts.poses()).isEmpty();

        // A summary written before the split holds everything in its core string.
        String whole = HistoryJson.history(h);
        assertThat(HistoryJson.history(whole, null, true)).isEqualTo(h);
        assertThat(HistoryJson.history(whole, null, false)).isEqualTo(withoutAlerts);
        org.bson.Document summary = new org.bson.Document("y", new org.bson.Document("2025", new org.bson.Document("v", 3L).append("h", whole))
                .append("2026", new org.bson.Document("v", 1L).append("h", core).append("k", HistoryJson.alertCounts(h))))
                .append(ProjectionReader.ALERTS, new org.bson.Document("2026", new org.bson.Document("v", 1L).append("a", alerts)));
        assertThat(ProjectionReader.history(summary, true, TestSeals.of("ana"))).isEqualTo(History.merge(List.of(h, h)));
        assertThat(ProjectionReader.history(summary, false, TestSeals.of("ana")).days()).isEqualTo(h.days());
    }

    @Test
    void aHistoryWrittenWithTimesAsTextStillReads() {
        var days = dev.sukha.insights.domain.PracticeDays.of(java.time.LocalDate.parse("2019-12-27"), java.time.LocalDate.parse("2019-12-29"));
        String before = "{\"d\":{\"o\":" + days.origin() + ",\"b\":\"" + java.util.Base64.getEncoder().encodeToString(days.toBytes()) + "\"},\"r\":{\"upper-back-release\":[3,1,27720,1]},"
                + "\"s\":[[\"2019-12-27T00:30:00.000123Z\",\"s1\",\"2019-12-27\",27720]],\"w\":[[\"2019-W52\",1,60000]],"
                + "\"l\":[\"2019-12-29T00:30:00Z\",\"s3\",\"Europe/Paris\"],"
                + "\"p\":{\"bridge\":[[[\"2019-12-27T00:30:00Z\",\"s1\",3,\"2019-12-27\",8,\"Cushion\"]],"
                + "[[\"2019-12-27T00:30:00Z\",\"s1\",\"2019-12-27\",true,null]]]}}";
        History h = HistoryJson.history(before);
        assertThat(h.days().contains(java.time.LocalDate.parse("2019-12-29"))).isTrue();
        assertThat(h.latest().start()).isEqualTo(java.time.Instant.parse("2019-12-29T00:30:00Z"));
        assertThat(h.lastSessionsWithPain().get(0).start()).isEqualTo(java.time.Instant.parse("2019-12-27T00:30:00.000123Z"));
        assertThat(h.lastSessionsWithPain().get(0).date()).isEqualTo(java.time.LocalDate.parse("2019-12-27"));
        assertThat(h.poses().get("bridge").ratings().get(0).date()).isEqualTo(java.time.LocalDate.parse("2019-12-27"));
        assertThat(h.poses().get("bridge").reaches().get(0).skippedForPain()).isTrue();
        // Written again, times become numbers (the sub-millisecond one stays text) and read back the same.
        String again = HistoryJson.history(h);
        assertThat(again).contains("1577579400000", "\"2019-12-27T00:30:00.000123Z\"").doesNotContain("\"2019-12-29T00:30:00Z\"");
        assertThat(HistoryJson.history(again)).isEqualTo(h);
    }
}
