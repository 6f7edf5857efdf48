package dev.sukha.routine.domain;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RoutineRulesTest {

    private static final Map<String, Pose> POSES = Map.of(
            "cat-cow", new Pose("cat-cow", "Cat-cow", null, List.of("mid_back"), false, List.of("move"), List.of(), List.of()),
            "twist", new Pose("twist", "Twist", null, List.of("mid_back"), true, List.of("turn"), List.of(), List.of()));

    private static RoutineDraft draft(List<Step> steps) {
        return new RoutineDraft("desk-reset", "Desk reset", "A short reset.", List.of("neck"), "gentle",
                List.of("chair"), List.of(), steps);
    }

    private static Step step(String pose, String side, Hold hold) {
        return new Step(pose, side, hold, List.of("breathe"), List.of());
    }

    @Test
    void aSoundDraftHasNoErrors() {
        assertThat(RoutineRules.check(draft(List.of(
                step("cat-cow", "none", new Hold(5, null)),
                step("twist", "left", new Hold(null, 30)))), POSES)).isEmpty();
    }

    @Test
    void emptyStepsAreRefused() {
        assertThat(RoutineRules.check(draft(List.of()), POSES)).extracting(FieldError::field).containsExactly("steps");
    }

    @Test
    void everyProblemIsListedWithItsPlace() {
        RoutineDraft bad = new RoutineDraft("Bad Id", " ", "ok", List.of("elbow", "neck", "neck"), "extreme",
                List.of("pool"), List.of(), List.of(
                step("nope", "none", new Hold(5, null)),
                step("twist", "none", new Hold(5, null)),
                step("cat-cow", "left", new Hold(null, 2)),
                step("cat-cow", "none", new Hold(5, 30)),
                step("cat-cow", "none", new Hold(0, null))));
        assertThat(RoutineRules.check(bad, POSES)).extracting(FieldError::field).containsExactlyInAnyOrder(
                "id", "title", "focus[0]", "focus[2]", "space[0]", "level",
                "steps[0].pose", "steps[1].side", "steps[2].side", "steps[2].hold.seconds",
                "steps[3].hold", "steps[4].hold.breaths");
    }

    @Test
    void aTwoSidedPoseNeedsASide() {
        assertThat(RoutineRules.check(draft(List.of(step("twist", "none", new Hold(3, null)))), POSES))
                .singleElement().satisfies(e -> {
                    assertThat(e.field()).isEqualTo("steps[0].side");
                    assertThat(e.message()).contains("left, right or both");
                });
    }

    @Test
    void holdLimitsAreInclusive() {
        assertThat(RoutineRules.check(draft(List.of(
                step("cat-cow", "none", new Hold(1, null)),
                step("cat-cow", "none", new Hold(Hold.MAX_BREATHS, null)),
                step("cat-cow", "none", new Hold(null, Hold.MIN_SECONDS)),
                step("cat-cow", "none", new Hold(null, Hold.MAX_SECONDS)))), POSES)).isEmpty();
        assertThat(RoutineRules.check(draft(List.of(step("cat-cow", "none", new Hold(null, Hold.MAX_SECONDS + 1)))), POSES))
                .extracting(FieldError::field).containsExactly("steps[0].hold.seconds");
    }
}
