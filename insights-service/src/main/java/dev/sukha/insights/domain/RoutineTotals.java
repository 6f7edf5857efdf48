package dev.sukha.insights.domain;

/**
 * One routine's sums over a set of sessions: how many were started, how many have both
 * pain ratings, their summed relief (in 1/{@link Relief#SCALE} points, exact), and how
 * many had meaningful relief. Sums of disjoint sets of sessions add up.
 */
public record RoutineTotals(int started, int withPain, long reliefX, int meaningful) {

    public static final RoutineTotals NONE = new RoutineTotals(0, 0, 0, 0);

    public RoutineTotals plus(RoutineTotals o) {
        return new RoutineTotals(started + o.started, withPain + o.withPain, reliefX + o.reliefX, meaningful + o.meaningful);
    }

    /** One started session's part: its relief when it has both ratings. */
    public static RoutineTotals of(SessionFacts s) {
        return Relief.of(s, null)
                .map(r -> new RoutineTotals(1, 1, r.reliefX(), r.meaningful() ? 1 : 0))
                .orElse(new RoutineTotals(1, 0, 0, 0));
    }
}
