package dev.sukha.routine.usecase;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.sukha.routine.domain.Pose;
import dev.sukha.routine.domain.RoutineDraft;
import dev.sukha.routine.domain.RoutineDuration;
import dev.sukha.routine.domain.RoutineRules;
import dev.sukha.routine.domain.Step;
import dev.sukha.routine.messaging.RoutineRecord;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The data files the service ships: valid, and the seed routine in the seed's order. */
class ShippedCatalogueTest {

    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule());
    private final Map<String, Pose> poses = PoseLibrary.load(json);
    private final List<RoutineDraft> routines = CatalogueLoader.readAll(json, d -> RoutineRules.check(d, poses));

    @Test
    void everyShippedRoutineIsValidAndUsesOnlyLibraryPoses() {
        assertThat(routines).isNotEmpty();
        for (RoutineDraft routine : routines) {
            assertThat(RoutineRules.check(routine, poses)).as(routine.id()).isEmpty();
            assertThat(routine.steps()).extracting(Step::pose).allMatch(poses::containsKey);
        }
    }

    @Test
    void theViewersAsksAreAnswered() {
        assertThat(routines).hasSizeGreaterThanOrEqualTo(12);
        assertThat(routines).anySatisfy(r -> assertThat(r.focus()).contains("neck", "jaw"));
        assertThat(routines).anySatisfy(r -> assertThat(r.space()).containsExactly("chair"));
        assertThat(routines).anySatisfy(r -> assertThat(r.space()).contains("bed"));
        assertThat(routines).anySatisfy(r -> assertThat(r.focus()).contains("chest"));
        assertThat(routines).anySatisfy(r -> assertThat(r.focus()).contains("feet"));
        assertThat(routines).anySatisfy(r -> assertThat(r.focus()).contains("tailbone", "hips"));
        assertThat(routines).anySatisfy(r -> assertThat(r.focus()).contains("knees"));
        assertThat(routines).anySatisfy(r -> assertThat(r.level()).isEqualTo("moderate"));
        assertThat(routines).filteredOn(r -> r.focus().contains("upper_back"))
                .anySatisfy(r -> assertThat(RoutineDuration.minutes(r.steps())).isBetween(25, 35))
                .anySatisfy(r -> assertThat(RoutineDuration.minutes(r.steps())).isBetween(5, 10));
        assertThat(routines).allSatisfy(r -> assertThat(r.safety()).as(r.id() + " safety notes").isNotEmpty());
    }

    @Test
    void minutesAreNeverTypedByHand() throws Exception {
        for (String file : json.readValue(getClass().getClassLoader().getResource("catalogue/routines/index.json"), String[].class)) {
            assertThat(json.readTree(getClass().getClassLoader().getResource("catalogue/routines/" + file)).has("minutes"))
                    .as(file).isFalse();
        }
    }

    @Test
    void kneeFriendlyMeansNoKneeling() {
        var kneeling = java.util.Set.of("cat-cow", "extended-child", "tabletop-arm-reach", "thread-the-needle", "bird-dog",
                "low-lunge", "puppy-pose", "forearm-plank-knees", "side-plank-knee");
        RoutineDraft knees = routines.stream().filter(r -> r.id().equals("knee-friendly-back-care")).findFirst().orElseThrow();
        assertThat(knees.steps()).extracting(Step::pose).noneMatch(kneeling::contains);
    }

    @Test
    void everyShippedStepOffersAGentlerOptionForThePosePainAdvice() {
        for (RoutineDraft routine : routines) {
            for (int i = 0; i < routine.steps().size(); i++) {
                Step step = routine.steps().get(i);
                assertThat(RoutineRecord.StepRef.of(step, poses.get(step.pose())).gentler())
                        .as(routine.id() + " step " + i + " (" + step.pose() + ")").isNotBlank();
            }
        }
        // The step's own gentler option comes before its pose's.
        Step clasp = routines.stream().filter(r -> r.id().equals("upper-back-release")).findFirst().orElseThrow().steps().get(1);
        assertThat(RoutineRecord.StepRef.of(clasp, poses.get(clasp.pose())).gentler()).isEqualTo("Square wrists");
    }

    @Test
    void routineIdsAreUnique() {
        assertThat(routines).extracting(RoutineDraft::id).doesNotHaveDuplicates();
    }

    @Test
    void everyPoseOfTheLibraryIsUsedSomewhere() {
        assertThat(poses.keySet()).allMatch(id -> routines.stream()
                .anyMatch(r -> r.steps().stream().anyMatch(s -> s.pose().equals(id))));
    }

    @Test
    void theSeedRoutineFollowsTheVideosSequence() {
        RoutineDraft seed = routines.stream().filter(r -> r.id().equals("upper-back-release")).findFirst().orElseThrow();
        assertThat(seed.steps()).extracting(s -> s.pose() + "/" + s.side()).containsExactly(
                "seated-spine-waves/none",
                "seated-hands-clasp/none",
                "extended-child/none",
                "tabletop-arm-reach/left",
                "tabletop-arm-reach/right",
                "thread-the-needle/left",
                "thread-the-needle/right",
                "cobra-pulses/none",
                "extended-child/none");
        // The teacher's options: gentler and deeper variants of the shoulder clasp and thread the needle.
        assertThat(seed.steps().get(1).options()).extracting(o -> o.intensity()).contains("gentler", "deeper");
        assertThat(seed.steps().get(5).options()).extracting(o -> o.intensity()).contains("deeper");
    }
}
