package dev.sukha.insights.usecase;

import dev.sukha.insights.domain.EventType;
import dev.sukha.insights.domain.PracticeEvent;
import dev.sukha.insights.domain.StepFeel;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** An exported event has exactly the fields its type is posted with. */
class ExportTest {

    private static final OffsetDateTime AT = OffsetDateTime.parse("2026-11-25T07:30:00.250+05:30");

    private static PracticeEvent event(EventType type, Integer step, Map<String, Integer> pain, StepFeel feel) {
        return new PracticeEvent("e1", "s1", type, AT, "upper-back-release", 3, 9, "Asia/Kolkata", step, pain, AT, feel);
    }

    @Test
    void aStartCarriesItsRoutineResolvedVersionZoneAndPain() {
        Export.PostedEvent start = Export.posted(event(EventType.SESSION_STARTED, null, Map.of("neck", 4), null));
        assertThat(start).isEqualTo(new Export.PostedEvent("e1", "SESSION_STARTED", "s1", "2026-11-25T07:30:00.25+05:30",
                "upper-back-release", 3, "Asia/Kolkata", null, Map.of("neck", 4), null, null));
    }

    @Test
    void poseEventsCarryTheirStepAndOnlyTheirOwnRatingOrReason() {
        StepFeel rated = new StepFeel("thread-the-needle", "left", "Cushion", 6, null);
        Export.PostedEvent completed = Export.posted(event(EventType.POSE_COMPLETED, 5, null, rated));
        assertThat(completed.step()).isEqualTo(5);
        assertThat(completed.discomfort()).isEqualTo(6);
        assertThat(completed.reason()).isNull();
        assertThat(completed.routineId()).isNull();
        assertThat(completed.zone()).isNull();
        Export.PostedEvent skipped = Export.posted(event(EventType.POSE_SKIPPED, 6, null,
                new StepFeel("thread-the-needle", "right", null, null, "pain")));
        assertThat(skipped.reason()).isEqualTo("pain");
        assertThat(skipped.discomfort()).isNull();
        Export.PostedEvent started = Export.posted(event(EventType.POSE_STARTED, 2, null, null));
        assertThat(started.step()).isEqualTo(2);
    }

    @Test
    void anEndCarriesItsPainOnly() {
        Export.PostedEvent end = Export.posted(event(EventType.SESSION_ABANDONED, null, Map.of("jaw", 5), null));
        assertThat(end.pain()).isEqualTo(Map.of("jaw", 5));
        assertThat(end.step()).isNull();
        assertThat(end.routineVersion()).isNull();
    }

    @Test
    void theCsvHeaderNamesEveryAreaBeforeAndAfter() {
        assertThat(Export.HEADER).startsWith("date", "session_id", "routine").contains("before_tailbone", "after_neck")
                .hasSize(8 + 24);
    }
}
