package dev.sukha.insights.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Left versus right: a pose is asymmetric when its left and its right steps each have at
 * least {@value #MIN_RATINGS} ratings in the window and their mean discomfort differs by
 * {@value #MIN_DIFFERENCE} or more, compared exactly (so 3 ratings a side and a difference of
 * exactly 2 count). Largest difference first.
 */
public final class Asymmetry {

    static final int MIN_RATINGS = 3;
    static final int MIN_DIFFERENCE = 2;

    /**
     * @param left, right the mean discomfort of each side (two decimals)
     * @param difference  worse side's mean minus the other's (two decimals)
     */
    public record Entry(String pose, String name, List<String> areas, String worseSide, double left, double right,
                        double difference) {
    }

    private Asymmetry() {
    }

    /**
     * @param poses the window's tallies ({@link PoseDiscomfort#tally})
     * @param names a pose's name in the library, when known
     * @param areas a pose's body areas in the library, when known
     */
    public static List<Entry> of(Collection<PoseDiscomfort.Pose> poses, Map<String, String> names,
                                 Map<String, List<String>> areas) {
        return poses.stream().filter(Asymmetry::asymmetric).map(p -> {
            long numerator = leftMinusRight(p);
            long denominator = (long) p.left().ratings() * p.right().ratings();
            return new Entry(p.pose(), names.get(p.pose()), areas.getOrDefault(p.pose(), List.of()),
                    numerator > 0 ? StepFeel.LEFT : StepFeel.RIGHT, p.left().mean(), p.right().mean(),
                    BigDecimal.valueOf(Math.abs(numerator)).divide(BigDecimal.valueOf(denominator), 2, RoundingMode.HALF_UP)
                            .doubleValue());
        }).sorted(Comparator.comparing(Entry::difference, Comparator.reverseOrder()).thenComparing(Entry::pose)).toList();
    }

    static boolean asymmetric(PoseDiscomfort.Pose p) {
        PoseDiscomfort.Tally l = p.left();
        PoseDiscomfort.Tally r = p.right();
        return l.ratings() >= MIN_RATINGS && r.ratings() >= MIN_RATINGS
                && Math.abs(leftMinusRight(p)) >= (long) MIN_DIFFERENCE * l.ratings() * r.ratings();
    }

    /** left mean − right mean = (sumL·nR − sumR·nL) / (nL·nR): the numerator, kept exact until rounded. */
    private static long leftMinusRight(PoseDiscomfort.Pose p) {
        return p.left().sum() * p.right().ratings() - p.right().sum() * p.left().ratings();
    }
}
