package dev.sukha.insights.domain;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Pain per ISO week over a window of weeks, and its direction: the least-squares slope
 * of the weekly mean before-pain against the week's index in the window, over the
 * weeks that have sessions with both ratings (at least 2, else null). Improving at
 * a slope of -0.25 or less, worsening at 0.25 or more, stable between, unknown
 * without a slope.
 */
public record PainTrend(List<Week> weeks, Double slopePerWeek, String direction) {

    public static final double THRESHOLD = 0.25;
    /** Slopes summed in another order differ in the last bits; a true 0.25 must stay "worsening". */
    private static final double NOISE = 1e-9;

    public record Week(String week, int sessions, Double avgBefore, Double avgAfter, Double avgRelief) {
    }

    /** @param window how many weeks, ending with {@code last} */
    public static PainTrend of(Collection<SessionFacts> sessions, IsoWeek last, int window, String area) {
        IsoWeek first = last.plus(-(window - 1));
        Map<IsoWeek, List<SessionFacts>> byWeek = new TreeMap<>();
        for (SessionFacts s : sessions) {
            if (s.started()) {
                IsoWeek w = IsoWeek.of(s.localDate());
                if (w.compareTo(first) >= 0 && w.compareTo(last) <= 0) {
                    byWeek.computeIfAbsent(w, k -> new ArrayList<>()).add(s);
                }
            }
        }
        List<Week> weeks = new ArrayList<>();
        List<double[]> points = new ArrayList<>();
        for (int i = 0; i < window; i++) {
            IsoWeek w = first.plus(i);
            PainSummary p = PainSummary.of(byWeek.getOrDefault(w, List.of()), area);
            weeks.add(new Week(w.toString(), p.sessions(), p.avgBefore(), p.avgAfter(), p.avgRelief()));
            if (p.sessions() > 0) {
                // The unrounded mean, so the slope does not depend on display rounding.
                points.add(new double[]{i, unroundedBefore(byWeek.get(w), area)});
            }
        }
        Double slope = slope(points);
        return new PainTrend(weeks, slope == null ? null : PainSummary.round(slope), direction(slope));
    }

    /** The week's mean before-pain, unrounded: the exact sum divided once. */
    static double unroundedBefore(List<SessionFacts> sessions, String area) {
        List<Relief> reliefs = sessions.stream().map(s -> Relief.of(s, area)).flatMap(java.util.Optional::stream).toList();
        return reliefs.stream().mapToLong(Relief::beforeX).sum() / (double) (reliefs.size() * Relief.SCALE);
    }

    /** Ordinary least squares slope of y on x; null with fewer than 2 points. */
    public static Double slope(List<double[]> points) {
        if (points.size() < 2) {
            return null;
        }
        double mx = points.stream().mapToDouble(p -> p[0]).average().orElseThrow();
        double my = points.stream().mapToDouble(p -> p[1]).average().orElseThrow();
        double sxy = 0;
        double sxx = 0;
        for (double[] p : points) {
            sxy += (p[0] - mx) * (p[1] - my);
            sxx += (p[0] - mx) * (p[0] - mx);
        }
        return sxx == 0 ? null : sxy / sxx;
    }

    public static String direction(Double slope) {
        if (slope == null) {
            return "unknown";
        }
        if (slope <= -THRESHOLD + NOISE) {
            return "improving";
        }
        return slope >= THRESHOLD - NOISE ? "worsening" : "stable";
    }
}
