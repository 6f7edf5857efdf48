package dev.sukha.routine.domain;

import java.util.List;

/**
 * How long a routine takes, from its holds, never typed by hand.
 * <p>
 * A breath counts {@value #SECONDS_PER_BREATH} s (a slow, full breath in and out);
 * every step adds {@value #TRANSITION_SECONDS} s to come into the pose; a step on
 * {@code both} sides is held twice. The total is rounded up to whole minutes.
 */
public final class RoutineDuration {
    public static final int SECONDS_PER_BREATH = 6;
    public static final int TRANSITION_SECONDS = 10;

    private RoutineDuration() {
    }

    public static int seconds(Step step) {
        Hold hold = step.hold();
        int held = hold == null ? 0
                : hold.breaths() != null ? hold.breaths() * SECONDS_PER_BREATH
                : hold.seconds() != null ? hold.seconds() : 0;
        int times = "both".equals(step.side()) ? 2 : 1;
        return TRANSITION_SECONDS + held * times;
    }

    public static int minutes(List<Step> steps) {
        int total = steps.stream().mapToInt(RoutineDuration::seconds).sum();
        return (total + 59) / 60;
    }
}
