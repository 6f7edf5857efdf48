package dev.sukha.routine.domain;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

class ProgrammeRulesTest {

    private static final Routine NECK = new Routine("neck", 1, "Neck", null, List.of("neck"), "gentle", List.of("chair"), 5,
            List.of(), List.of(new Step("chin-tucks", "none", new Hold(5, null), List.of(), List.of())), Instant.EPOCH);
    private static final Function<String, Optional<Routine>> CATALOGUE = id -> id.equals("neck") ? Optional.of(NECK) : Optional.empty();

    private static ProgrammeDraft.Stage stage(String title, List<String> routines, Map<String, String> variants) {
        return new ProgrammeDraft.Stage(title, null, routines, variants);
    }

    private static List<String> fields(ProgrammeDraft p) {
        return ProgrammeRules.check(p, CATALOGUE).stream().map(FieldError::field).toList();
    }

    @Test
    void aWellFormedProgrammeHasNoErrors() {
        assertThat(fields(new ProgrammeDraft("neck-care", "Neck care", null, List.of("neck"), List.of(
                stage("One", List.of("neck"), Map.of("chin-tucks", "GENTLER")), stage("Two", List.of("neck"), Map.of()))))).isEmpty();
    }

    @Test
    void everyWrongPartIsNamed() {
        assertThat(fields(new ProgrammeDraft("Neck Care", "", null, List.of("elbow"), List.of(
                stage("", List.of("neck", "missing"), Map.of("chin-tucks", "EASY", "cobra", "FULL"))))))
                .containsExactlyInAnyOrder("id", "title", "areas[0]", "stages", "stages[0].title", "stages[0].routines[1]",
                        "stages[0].variants.chin-tucks");
        assertThat(fields(new ProgrammeDraft("neck-care", "Neck care", null, List.of(), List.of(
                stage("One", List.of("neck"), Map.of("cobra", "FULL")), stage("Two", List.of(), Map.of())))))
                .containsExactlyInAnyOrder("areas", "stages[0].variants.cobra", "stages[1].routines");
    }
}
