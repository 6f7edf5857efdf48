package dev.sukha.insights.domain;

/**
 * What one step of a session says about its pose: which pose and side the step was in the
 * routine version practised, the label of its gentler option (if it has one), and how it
 * went — a {@code discomfort} rating 0..10 when completed, a skip {@code reason} when skipped.
 *
 * @param side {@code left}, {@code right}, {@code both} or {@code none}
 * @param reason {@code pain}, {@code too_hard}, {@code no_time}, {@code other} or null
 */
public record StepFeel(String pose, String side, String gentler, Integer discomfort, String reason) {

    public static final String LEFT = "left";
    public static final String RIGHT = "right";
    public static final String PAIN = "pain";

    public boolean rated() {
        return discomfort != null;
    }

    public boolean skippedForPain() {
        return PAIN.equals(reason);
    }
}
