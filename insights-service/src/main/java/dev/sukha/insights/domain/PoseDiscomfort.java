package dev.sukha.insights.domain;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How each pose felt over a window of sessions: per pose rated or skipped for pain, its
 * ratings and mean discomfort, how often it was skipped for pain, and the same ratings split
 * by the side of the step ({@code both} and {@code none} steps count for the pose only).
 * Most uncomfortable first: highest mean (compared exactly), then more skips for pain, then
 * more ratings, then pose id; poses only skipped, without ratings, come after the rated ones.
 */
public final class PoseDiscomfort {

    /** Ratings added up exactly: how many, and their sum. */
    public record Tally(int ratings, long sum) {
        static final Tally NONE = new Tally(0, 0);

        Tally plus(int discomfort) {
            return new Tally(ratings + 1, sum + discomfort);
        }

        /** The mean, two decimals; null without ratings. */
        public Double mean() {
            return ratings == 0 ? null : PainSummary.round(sum, ratings);
        }

        /** Whether this mean is above {@code other}'s, compared exactly (no ratings counts as lowest). */
        int compareMean(Tally other) {
            if (ratings == 0 || other.ratings == 0) {
                return Boolean.compare(ratings > 0, other.ratings > 0);
            }
            return Long.compare(sum * other.ratings, other.sum * ratings);
        }
    }

    /** One pose's tallies in the window. */
    public record Pose(String pose, Tally all, Tally left, Tally right, int skippedForPain) {
    }

    /** A pose as served. */
    public record Entry(String pose, String name, int ratings, Double avgDiscomfort, int skippedForPain, BySide bySide) {
    }

    /** The ratings of the pose's left steps and of its right steps. */
    public record BySide(Side left, Side right) {
    }

    public record Side(int ratings, Double avgDiscomfort) {
        static Side of(Tally t) {
            return new Side(t.ratings(), t.mean());
        }
    }

    static final Comparator<Pose> MOST_UNCOMFORTABLE_FIRST = ((Comparator<Pose>) (a, b) -> b.all().compareMean(a.all()))
            .thenComparing(Pose::skippedForPain, Comparator.reverseOrder())
            .thenComparing(p -> p.all().ratings(), Comparator.reverseOrder())
            .thenComparing(Pose::pose);

    private PoseDiscomfort() {
    }

    /** The tallies of every pose rated or skipped for pain in {@code sessions}, most uncomfortable first. */
    public static List<Pose> tally(Collection<SessionFacts> sessions) {
        Map<String, Pose> byPose = new TreeMap<>();
        for (SessionFacts s : sessions) {
            if (!s.started()) {
                continue;
            }
            for (StepFeel f : s.feels().values()) {
                if (!f.rated() && !f.skippedForPain()) {
                    continue;
                }
                Pose p = byPose.getOrDefault(f.pose(), new Pose(f.pose(), Tally.NONE, Tally.NONE, Tally.NONE, 0));
                Tally all = p.all();
                Tally left = p.left();
                Tally right = p.right();
                if (f.rated()) {
                    all = all.plus(f.discomfort());
                    left = StepFeel.LEFT.equals(f.side()) ? left.plus(f.discomfort()) : left;
                    right = StepFeel.RIGHT.equals(f.side()) ? right.plus(f.discomfort()) : right;
                }
                byPose.put(f.pose(), new Pose(f.pose(), all, left, right, p.skippedForPain() + (f.skippedForPain() ? 1 : 0)));
            }
        }
        List<Pose> poses = new ArrayList<>(byPose.values());
        poses.sort(MOST_UNCOMFORTABLE_FIRST);
        return poses;
    }

    /** The served figures; {@code names} gives a pose's name in the library (or null). */
    public static List<Entry> of(Collection<SessionFacts> sessions, Map<String, String> names) {
        return tally(sessions).stream().map(p -> new Entry(p.pose(), names.get(p.pose()), p.all().ratings(),
                p.all().mean(), p.skippedForPain(),
                new BySide(Side.of(p.left()), Side.of(p.right())))).toList();
    }
}
