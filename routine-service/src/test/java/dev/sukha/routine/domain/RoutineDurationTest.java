package dev.sukha.routine.domain;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RoutineDurationTest {

    private static Step step(String side, Integer breaths, Integer seconds) {
        return new Step("p", side, new Hold(breaths, seconds), List.of(), List.of());
    }

    @Test
    void breathsCountSixSecondsPlusTheTransition() {
        assertThat(RoutineDuration.seconds(step("none", 5, null))).isEqualTo(10 + 30);
    }

    @Test
    void secondsCountAsGiven() {
        assertThat(RoutineDuration.seconds(step("left", null, 45))).isEqualTo(10 + 45);
    }

    @Test
    void bothSidesHoldTwice() {
        assertThat(RoutineDuration.seconds(step("both", null, 30))).isEqualTo(10 + 60);
    }

    @Test
    void minutesRoundUpSoAShortRoutineIsNeverZero() {
        assertThat(RoutineDuration.minutes(List.of(step("none", 1, null)))).isEqualTo(1);
        assertThat(RoutineDuration.minutes(List.of(step("none", null, 50)))).isEqualTo(1);
        assertThat(RoutineDuration.minutes(List.of(step("none", null, 51)))).isEqualTo(2);
    }

    @Test
    void emptyRoutineTakesNoTime() {
        assertThat(RoutineDuration.minutes(List.of())).isZero();
    }
}
