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
class CodecTest {

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
            String line = Codec.event(e);
            assertThat(line.split(" ")).hasSize(6);
            PracticeEvent back = Codec.event(SESSION, Codec.context(e), line);
            assertThat(back.feel()).isEqualTo(feel);
            assertThat(back.eventId()).isEqualTo(e.eventId());
        }
    }

    @Test
    void linesWrittenBeforeRatingsExistedStillRead() {
        String id = UUID.randomUUID().toString();
        PracticeEvent old = Codec.event(SESSION, "upper-back-release 2 9 Europe/Paris", id + " PC 2026-11-25T07:31:00+01:00 5 -");
        assertThat(old.feel()).isNull();
        assertThat(old.step()).isEqualTo(5);
        assertThat(Codec.event(completed(null))).doesNotContain("|");
    }

    @Test
    void factsKeepTheirFeelsAndOldFactsHaveNone() {
        SessionFacts facts = new SessionFacts(SESSION, "r", 1, 9, "UTC", AT, SessionFacts.COMPLETED, AT.plusMinutes(10),
                Map.of("neck", 4), Map.of("neck", 2), Set.of(1, 2), Set.of(3),
                Map.of(1, new StepFeel("thread-the-needle", "left", "Cushion", 6, null),
                        3, new StepFeel("bridge", "none", null, null, "pain")));
        assertThat(Codec.facts(SESSION, Codec.facts(facts))).isEqualTo(facts);
        SessionFacts plain = new SessionFacts(SESSION, "r", 1, 9, "UTC", AT, null, null, Map.of(), Map.of(), Set.of(), Set.of());
        assertThat(Codec.facts(plain)).doesNotContain("{\"");
        assertThat(Codec.facts(SESSION, Codec.facts(plain))).isEqualTo(plain);
    }

    @Test
    void aHistoryKeepsEachPosesRecentRatingsAndReaches() {
        SessionFacts facts = new SessionFacts(SESSION, "r", 1, 9, "UTC", AT, SessionFacts.COMPLETED, AT.plusMinutes(10),
                Map.of(), Map.of(), Set.of(1), Set.of(3),
                Map.of(1, new StepFeel("thread-the-needle", "left", "Cushion", 8, null),
                        3, new StepFeel("bridge", "none", null, null, "pain")));
        History h = History.of(List.of(facts));
        assertThat(h.poses()).containsOnlyKeys("thread-the-needle", "bridge");
        assertThat(Codec.history(Codec.history(h))).isEqualTo(h);
        assertThat(Codec.history(Codec.history(History.empty())).poses()).isEmpty();
    }
}
