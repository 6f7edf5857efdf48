package dev.sukha.routine.domain;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What makes a routine draft publishable. Returns every problem at once, so an
 * editor fixes a draft in one go rather than one error per round trip.
 */
public final class RoutineRules {
    public static final Pattern SLUG = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    public static final int MAX_STEPS = 200;

    private RoutineRules() {
    }

    public static List<FieldError> check(RoutineDraft draft, Map<String, Pose> poses) {
        List<FieldError> errors = new ArrayList<>();
        if (draft.id() == null || draft.id().length() > 80 || !SLUG.matcher(draft.id()).matches()) {
            errors.add(new FieldError("id", "must be a slug: lower-case letters, digits and single hyphens, at most 80"));
        }
        text(errors, "title", draft.title(), 120);
        text(errors, "summary", draft.summary(), 1000);
        words(errors, "focus", draft.focus(), Vocabulary.AREAS, true);
        words(errors, "space", draft.space(), Vocabulary.SPACES, true);
        if (draft.level() == null || !Vocabulary.LEVELS.contains(draft.level())) {
            errors.add(new FieldError("level", "must be one of " + Vocabulary.LEVELS));
        }
        for (int i = 0; i < draft.safety().size(); i++) {
            text(errors, "safety[" + i + "]", draft.safety().get(i), 500);
        }
        if (draft.steps().isEmpty()) {
            errors.add(new FieldError("steps", "must have at least one step"));
        } else if (draft.steps().size() > MAX_STEPS) {
            errors.add(new FieldError("steps", "must have at most " + MAX_STEPS + " steps"));
        }
        for (int i = 0; i < draft.steps().size(); i++) {
            step(errors, "steps[" + i + "]", draft.steps().get(i), poses);
        }
        return errors;
    }

    private static void step(List<FieldError> errors, String at, Step step, Map<String, Pose> poses) {
        if (step == null) {
            errors.add(new FieldError(at, "must be a step object"));
            return;
        }
        Pose pose = step.pose() == null ? null : poses.get(step.pose());
        if (pose == null) {
            errors.add(new FieldError(at + ".pose", "unknown pose '" + step.pose() + "'"));
        }
        if (step.side() == null || !Vocabulary.SIDES.contains(step.side())) {
            errors.add(new FieldError(at + ".side", "must be one of " + Vocabulary.SIDES));
        } else if (pose != null && pose.sided() && step.side().equals("none")) {
            errors.add(new FieldError(at + ".side", "pose '" + pose.id() + "' is done per side: use left, right or both"));
        } else if (pose != null && !pose.sided() && !step.side().equals("none")) {
            errors.add(new FieldError(at + ".side", "pose '" + pose.id() + "' is symmetric: use none"));
        }
        hold(errors, at + ".hold", step.hold());
        for (int c = 0; c < step.cues().size(); c++) {
            text(errors, at + ".cues[" + c + "]", step.cues().get(c), 500);
        }
        options(errors, at + ".options", step.options());
    }

    public static void options(List<FieldError> errors, String at, List<Option> options) {
        for (int o = 0; o < options.size(); o++) {
            Option option = options.get(o);
            String here = at + "[" + o + "]";
            if (option == null) {
                errors.add(new FieldError(here, "must be an option object"));
                continue;
            }
            text(errors, here + ".label", option.label(), 80);
            text(errors, here + ".cue", option.cue(), 500);
            if (option.intensity() == null || !Vocabulary.INTENSITIES.contains(option.intensity())) {
                errors.add(new FieldError(here + ".intensity", "must be one of " + Vocabulary.INTENSITIES));
            }
        }
    }

    private static void hold(List<FieldError> errors, String at, Hold hold) {
        if (hold == null || (hold.breaths() == null) == (hold.seconds() == null)) {
            errors.add(new FieldError(at, "must give exactly one of breaths or seconds"));
            return;
        }
        if (hold.breaths() != null && (hold.breaths() < 1 || hold.breaths() > Hold.MAX_BREATHS)) {
            errors.add(new FieldError(at + ".breaths", "must be between 1 and " + Hold.MAX_BREATHS));
        }
        if (hold.seconds() != null && (hold.seconds() < Hold.MIN_SECONDS || hold.seconds() > Hold.MAX_SECONDS)) {
            errors.add(new FieldError(at + ".seconds", "must be between " + Hold.MIN_SECONDS + " and " + Hold.MAX_SECONDS));
        }
    }

    public static void words(List<FieldError> errors, String at, List<String> values, List<String> allowed,
                             boolean required) {
        if (required && values.isEmpty()) {
            errors.add(new FieldError(at, "must name at least one of " + allowed));
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < values.size(); i++) {
            String value = values.get(i);
            if (value == null || !allowed.contains(value)) {
                errors.add(new FieldError(at + "[" + i + "]", "unknown value '" + value + "': use one of " + allowed));
            } else if (!seen.add(value)) {
                errors.add(new FieldError(at + "[" + i + "]", "'" + value + "' is listed twice"));
            }
        }
    }

    public static void text(List<FieldError> errors, String at, String value, int max) {
        if (value == null || value.isBlank()) {
            errors.add(new FieldError(at, "must not be blank"));
        } else if (value.length() > max) {
            errors.add(new FieldError(at, "must be at most " + max + " characters"));
        }
    }
}
