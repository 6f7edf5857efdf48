package dev.sukha.insights.domain;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What a person tells before their first practice (and again whenever they redo it): where it
 * hurts and how much, for how long, where and how long they can practise, how many days a
 * week, and their answers to the safety screen ({@link RedFlag}s answered yes). Kept as the
 * person's data; {@code takenOn} is the local date it was sent.
 */
public record Intake(Set<BodyArea> areas, Map<BodyArea, Integer> pain, Duration duration, Set<Space> spaces,
                     int minutesPerDay, int daysPerWeek, Set<RedFlag> redFlags, LocalDate takenOn) {

    /** How long the pain has lasted. */
    public enum Duration { UNDER_6_WEEKS, WEEKS_6_TO_12, OVER_12_WEEKS }

    /** The practice lengths a person may choose, in minutes. */
    public static final List<Integer> MINUTES = List.of(5, 10, 15, 20, 30);

    public Intake {
        areas = Set.copyOf(areas);
        pain = Map.copyOf(pain);
        spaces = Set.copyOf(spaces);
        redFlags = Set.copyOf(redFlags);
    }

    /** An intake as sent, every value still unchecked (null where it was left out). */
    public record Form(List<String> areas, Map<String, Integer> pain, String duration, List<String> spaces,
                       Integer minutesPerDay, Integer daysPerWeek, List<String> redFlags) {
    }

    /** One field found wrong, and why. */
    public record Error(String field, String message) {
    }

    /** The intake, when {@code errors} is empty. */
    public record Checked(Intake intake, List<Error> errors) {
    }

    /** Checks every field of a form (all errors at once) and, when none is wrong, the intake it says. */
    public static Checked check(Form form, LocalDate takenOn) {
        List<Error> errors = new ArrayList<>();
        Set<BodyArea> areas = EnumSet.noneOf(BodyArea.class);
        if (form.areas() == null || form.areas().isEmpty()) {
            errors.add(new Error("areas", "name at least one body area, from " + BodyArea.WIRE));
        } else {
            for (int i = 0; i < form.areas().size(); i++) {
                String wire = form.areas().get(i);
                int index = i;
                BodyArea.of(wire).ifPresentOrElse(areas::add,
                        () -> errors.add(new Error("areas[" + index + "]",
                                "unknown body area '" + wire + "'; one of " + BodyArea.WIRE)));
            }
        }
        Map<BodyArea, Integer> pain = new TreeMap<>();
        Map<String, Integer> sent = form.pain() == null ? Map.of() : form.pain();
        sent.forEach((wire, value) -> {
            var area = BodyArea.of(wire);
            if (area.isEmpty() || !areas.contains(area.get())) {
                errors.add(new Error("pain." + wire, "rate only the areas named in areas"));
            } else if (value == null || value < 0 || value > 10) {
                errors.add(new Error("pain." + wire, "must be a whole number from 0 to 10"));
            } else {
                pain.put(area.get(), value);
            }
        });
        for (BodyArea area : areas) {
            if (!sent.containsKey(area.wire())) {
                errors.add(new Error("pain." + area.wire(), "rate the pain now in each area named, 0 to 10"));
            }
        }
        Duration duration = null;
        try {
            duration = form.duration() == null ? null : Duration.valueOf(form.duration());
        } catch (IllegalArgumentException ignored) {
            // reported below
        }
        if (duration == null) {
            errors.add(new Error("duration", "one of " + List.of(Duration.values())));
        }
        Set<Space> spaces = EnumSet.noneOf(Space.class);
        if (form.spaces() == null || form.spaces().isEmpty()) {
            errors.add(new Error("spaces", "name at least one place to practise, from " + Space.WIRE));
        } else {
            for (String wire : new LinkedHashSet<>(form.spaces())) {
                Space.WIRE.stream().filter(wire::equals).findFirst().ifPresentOrElse(w -> spaces.add(Space.valueOf(w.toUpperCase())),
                        () -> errors.add(new Error("spaces[" + form.spaces().indexOf(wire) + "]",
                                "unknown space '" + wire + "'; one of " + Space.WIRE)));
            }
        }
        if (form.minutesPerDay() == null || !MINUTES.contains(form.minutesPerDay())) {
            errors.add(new Error("minutesPerDay", "one of " + MINUTES));
        }
        if (form.daysPerWeek() == null || form.daysPerWeek() < 1 || form.daysPerWeek() > 7) {
            errors.add(new Error("daysPerWeek", "must be a whole number from 1 to 7"));
        }
        Set<RedFlag> flags = EnumSet.noneOf(RedFlag.class);
        if (form.redFlags() == null) {
            errors.add(new Error("redFlags", "send the codes answered yes, or [] when none"));
        } else {
            for (String code : form.redFlags()) {
                if (code != null && RedFlag.CODES.contains(code)) {
                    flags.add(RedFlag.valueOf(code));
                } else {
                    errors.add(new Error("redFlags[" + form.redFlags().indexOf(code) + "]",
                            "unknown code '" + code + "'; one of " + RedFlag.CODES));
                }
            }
        }
        if (!errors.isEmpty()) {
            return new Checked(null, errors);
        }
        return new Checked(new Intake(areas, pain, duration, spaces, form.minutesPerDay(), form.daysPerWeek(), flags, takenOn),
                List.of());
    }

    /** The flags answered yes that call for {@code advice}. */
    public Set<RedFlag> flags(RedFlag.Advice advice) {
        Set<RedFlag> out = EnumSet.noneOf(RedFlag.class);
        redFlags.stream().filter(f -> f.advice == advice).forEach(out::add);
        return out;
    }
}
