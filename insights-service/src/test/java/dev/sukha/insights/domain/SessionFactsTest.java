package dev.sukha.insights.domain;

import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class SessionFactsTest {

    private static final OffsetDateTime START = OffsetDateTime.parse("2026-11-20T07:30:00+01:00");

    private static PracticeEvent e(String id, EventType type, int minute, Integer step, Map<String, Integer> pain) {
        return new PracticeEvent(id, "s1", type, START.plusMinutes(minute), "upper-back-release", 2, 9, "Europe/Paris",
                step, pain);
    }

    private static List<PracticeEvent> session() {
        return List.of(
                e("a", EventType.SESSION_STARTED, 0, null, Map.of("neck", 6)),
                e("b", EventType.POSE_STARTED, 1, 0, null),
                e("c", EventType.POSE_COMPLETED, 2, 0, null),
                e("d", EventType.POSE_SKIPPED, 3, 1, null),
                e("e", EventType.POSE_COMPLETED, 4, 2, null),
                e("f", EventType.SESSION_ABANDONED, 9, null, Map.of("neck", 4)));
    }

    @Test
    void factsComeFromTheEventsWhateverTheirOrderAndRepeats() {
        SessionFacts inOrder = SessionFacts.of("s1", session());
        assertThat(inOrder.startedAt()).isEqualTo(START);
        assertThat(inOrder.end()).isEqualTo(SessionFacts.ABANDONED);
        assertThat(inOrder.endedAt()).isEqualTo(START.plusMinutes(9));
        assertThat(inOrder.completedSteps()).containsExactlyInAnyOrder(0, 2);
        assertThat(inOrder.skippedSteps()).containsExactly(1);
        assertThat(inOrder.painBefore()).isEqualTo(Map.of("neck", 6));
        assertThat(inOrder.painAfter()).isEqualTo(Map.of("neck", 4));
        assertThat(inOrder.routineVersion()).isEqualTo(2);
        assertThat(inOrder.localDate()).hasToString("2026-11-20");
        Random r = new Random(7);
        for (int i = 0; i < 50; i++) {
            List<PracticeEvent> shuffled = new ArrayList<>(session());
            shuffled.addAll(session().subList(0, r.nextInt(6)));
            Collections.shuffle(shuffled, r);
            assertThat(SessionFacts.of("s1", shuffled)).isEqualTo(inOrder);
        }
    }

    @Test
    void aSessionWithoutItsStartIsNotStarted() {
        SessionFacts facts = SessionFacts.of("s1", session().subList(1, 6));
        assertThat(facts.started()).isFalse();
        assertThat(facts.completedSteps()).containsExactlyInAnyOrder(0, 2);
        assertThat(PracticeDay.counts(facts)).isFalse();
    }

    @Test
    void twoStartsWhichSessionServiceNeverRecordsResolveTheSameWayInAnyOrder() {
        PracticeEvent other = new PracticeEvent("0", "s1", EventType.SESSION_STARTED, START.plusDays(1), "upper-back-release",
                2, 9, "Europe/Paris", null, null);
        List<PracticeEvent> events = new ArrayList<>(session());
        events.add(other);
        SessionFacts one = SessionFacts.of("s1", events);
        Collections.reverse(events);
        assertThat(SessionFacts.of("s1", events)).isEqualTo(one);
        assertThat(one.startedAt()).isEqualTo(START.plusDays(1));
    }
}
