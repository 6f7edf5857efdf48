package dev.sukha.insights.usecase;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ChangeWatermarkTest {

    private final ChangeWatermark mark = new ChangeWatermark(2_000);

    @Test
    void nothingIsTrustedBeforeEveryPartitionWasHeard() {
        assertThat(mark.trusted(0)).isFalse();
        assertThat(mark.assigned(Set.of(0, 1, 2))).isTrue();
        mark.heard(0, 1, 1_000);
        mark.heard(1, 1, 1_000);
        assertThat(mark.trusted(1_100)).as("partition 2 not heard yet").isFalse();
        mark.heard(2, 1, 1_050);
        assertThat(mark.trusted(1_100)).isTrue();
    }

    @Test
    void trustLastsTheAllowedMomentAfterTheOldestPartitionsLastProbe() {
        mark.assigned(Set.of(0, 1));
        mark.heard(0, 1, 1_000);
        mark.heard(1, 1, 1_500);
        assertThat(mark.trusted(2_999)).isTrue();
        assertThat(mark.trusted(3_000)).as("partition 0 last heard from a probe sent at 1,000").isFalse();
        mark.heard(0, 2, 2_500);
        assertThat(mark.trusted(3_000)).isTrue();
        assertThat(mark.trusted(3_500)).as("now partition 1 is the oldest").isFalse();
    }

    @Test
    void aGapInTheProbesSaysRecordsWereSkipped() {
        mark.assigned(Set.of(0));
        assertThat(mark.heard(0, 7, 1_000)).as("the first probe heard starts the count").isTrue();
        assertThat(mark.heard(0, 8, 1_500)).isTrue();
        assertThat(mark.heard(0, 10, 2_500)).as("probe 9 was skipped").isFalse();
        assertThat(mark.heard(0, 11, 3_000)).isTrue();
        assertThat(mark.trusted(3_100)).as("after the gap, what is heard is again up to the moment").isTrue();
    }

    @Test
    void aProbeHeardAgainSaysNothingNew() {
        mark.assigned(Set.of(0));
        mark.heard(0, 1, 1_000);
        mark.heard(0, 2, 1_500);
        assertThat(mark.heard(0, 1, 1_000)).as("redelivered after a rejoin").isTrue();
        assertThat(mark.trusted(3_400)).as("still trusted from probe 2").isTrue();
        assertThat(mark.heard(0, 3, 2_000)).as("the count goes on from 2").isTrue();
    }

    @Test
    void otherPartitionsAndANewAssignmentStartAgain() {
        mark.assigned(Set.of(0));
        mark.heard(0, 1, 1_000);
        assertThat(mark.heard(5, 1, 1_000)).as("not read here: ignored").isTrue();
        assertThat(mark.trusted(1_100)).isTrue();
        assertThat(mark.assigned(Set.of(0))).as("the same partitions").isFalse();
        assertThat(mark.assigned(Set.of(0, 1))).isTrue();
        assertThat(mark.trusted(1_100)).as("partition 1 new: nothing heard from it").isFalse();
        mark.heard(1, 40, 1_200);
        mark.heard(0, 9, 1_200);
        assertThat(mark.trusted(1_300)).as("counts start again after an assignment").isTrue();
    }
}
