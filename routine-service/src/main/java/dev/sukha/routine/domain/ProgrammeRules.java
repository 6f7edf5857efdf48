package dev.sukha.routine.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What a programme must be: an id like a routine's, a title, at least one known area, two to six stages, each with a
 * title, at least one published routine, and variants only for poses its routines use, each {@code GENTLER} or
 * {@code FULL}.
 */
public final class ProgrammeRules {

    public static final List<String> VARIANTS = List.of("GENTLER", "FULL");
    static final int MIN_STAGES = 2;
    static final int MAX_STAGES = 6;

    private ProgrammeRules() {
    }

    /** {@code routines} finds a published routine's latest version. */
    public static List<FieldError> check(ProgrammeDraft p, Function<String, Optional<Routine>> routines) {
        List<FieldError> errors = new ArrayList<>();
        if (p.id() == null || !p.id().matches("^[a-z0-9]+(-[a-z0-9]+)*$")) {
            errors.add(new FieldError("id", "a slug of lower-case letters, digits and single hyphens"));
        }
        if (p.title() == null || p.title().isBlank()) {
            errors.add(new FieldError("title", "must not be empty"));
        }
        if (p.areas().isEmpty()) {
            errors.add(new FieldError("areas", "at least one body area"));
        }
        for (int i = 0; i < p.areas().size(); i++) {
            if (!Vocabulary.AREAS.contains(p.areas().get(i))) {
                errors.add(new FieldError("areas[" + i + "]", "one of " + Vocabulary.AREAS));
            }
        }
        if (p.stages().size() < MIN_STAGES || p.stages().size() > MAX_STAGES) {
            errors.add(new FieldError("stages", MIN_STAGES + " to " + MAX_STAGES + " stages, from gentle to stronger"));
        }
        for (int s = 0; s < p.stages().size(); s++) {
            ProgrammeDraft.Stage stage = p.stages().get(s);
            String at = "stages[" + s + "]";
            if (stage.title() == null || stage.title().isBlank()) {
                errors.add(new FieldError(at + ".title", "must not be empty"));
            }
            if (stage.routines().isEmpty()) {
                errors.add(new FieldError(at + ".routines", "at least one routine"));
            }
            List<Routine> found = new ArrayList<>();
            for (int r = 0; r < stage.routines().size(); r++) {
                Optional<Routine> routine = routines.apply(stage.routines().get(r));
                routine.ifPresent(found::add);
                if (routine.isEmpty()) {
                    errors.add(new FieldError(at + ".routines[" + r + "]", "no published routine '" + stage.routines().get(r) + "'"));
                }
            }
            Set<String> poses = found.stream().flatMap(r -> r.steps().stream()).map(Step::pose).collect(Collectors.toSet());
            stage.variants().forEach((pose, variant) -> {
                if (!VARIANTS.contains(variant)) {
                    errors.add(new FieldError(at + ".variants." + pose, "one of " + VARIANTS));
                }
                if (found.size() == stage.routines().size() && !poses.contains(pose)) {
                    errors.add(new FieldError(at + ".variants." + pose, "no routine of this stage uses this pose"));
                }
            });
        }
        return errors;
    }
}
