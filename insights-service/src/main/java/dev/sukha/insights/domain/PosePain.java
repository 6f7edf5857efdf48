package dev.sukha.insights.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The {@code POSE_PAIN} safety alert, per pose: it was rated {@value #HOT} or more in at least
 * 2 of its last 3 ratings, or skipped for pain in at least 2 of the last 3 sessions that
 * reached it (completed or skipped one of its steps). Its advice names the gentler option
 * of the step concerned, where the routine version practised has one.
 * <p>
 * It needs, per pose, only its last three ratings and the last three sessions that reached
 * it: {@link Recent}, which a person's {@link History} keeps, so its size grows with the
 * poses a person has practised, never with sessions.
 */
public final class PosePain {

    public static final String POSE_PAIN = "POSE_PAIN";
    static final int HOT = 7;
    static final int KEEP = 3;

    /** A rating: when its session started, the step, the session's local date, the rating and the step's gentler option. */
    public record Rating(Instant start, String sessionId, int step, LocalDate date, int discomfort, String gentler) {
        static final Comparator<Rating> ORDER = Comparator.comparing(Rating::start).thenComparing(Rating::sessionId)
                .thenComparing(Rating::step);
    }

    /**
     * A session that reached the pose: whether it skipped one of the pose's steps for pain, and the
     * gentler option of that step (or of its first step of the pose when none was skipped for pain).
     */
    public record Reach(Instant start, String sessionId, LocalDate date, boolean skippedForPain, String gentler) {
        static final Comparator<Reach> ORDER = Comparator.comparing(Reach::start).thenComparing(Reach::sessionId);
    }

    /** A pose's last ratings and last sessions that reached it, in time order (at most 3 of each). */
    public record Recent(List<Rating> ratings, List<Reach> reaches) {
        public Recent {
            ratings = List.copyOf(ratings);
            reaches = List.copyOf(reaches);
        }
    }

    private PosePain() {
    }

    /** The recent ratings and reaches of each pose in {@code sessions} (one week's, or any). */
    public static Map<String, Recent> recent(Collection<SessionFacts> sessions) {
        Map<String, List<Rating>> ratings = new TreeMap<>();
        Map<String, List<Reach>> reaches = new TreeMap<>();
        for (SessionFacts s : sessions) {
            if (!s.started()) {
                continue;
            }
            Map<String, Reach> reached = new LinkedHashMap<>();
            new TreeMap<>(s.feels()).forEach((step, f) -> {
                if (f.rated()) {
                    ratings.computeIfAbsent(f.pose(), p -> new ArrayList<>()).add(
                            new Rating(s.startInstant(), s.sessionId(), step, s.localDate(), f.discomfort(), f.gentler()));
                }
                Reach before = reached.get(f.pose());
                if (before == null || (!before.skippedForPain() && f.skippedForPain())) {
                    reached.put(f.pose(), new Reach(s.startInstant(), s.sessionId(), s.localDate(), f.skippedForPain(),
                            f.gentler()));
                }
            });
            reached.forEach((pose, r) -> reaches.computeIfAbsent(pose, p -> new ArrayList<>()).add(r));
        }
        Map<String, Recent> out = new TreeMap<>();
        for (String pose : union(ratings.keySet(), reaches.keySet())) {
            out.put(pose, new Recent(last(ratings.getOrDefault(pose, List.of()), Rating.ORDER),
                    last(reaches.getOrDefault(pose, List.of()), Reach.ORDER)));
        }
        return out;
    }

    /** The recents of disjoint parts of a history put together. */
    public static Map<String, Recent> merge(Collection<Map<String, Recent>> parts) {
        Map<String, Map<String, Rating>> ratings = new TreeMap<>();
        Map<String, Map<String, Reach>> reaches = new TreeMap<>();
        for (Map<String, Recent> part : parts) {
            part.forEach((pose, recent) -> {
                recent.ratings().forEach(r -> ratings.computeIfAbsent(pose, p -> new TreeMap<>())
                        .put(r.sessionId() + "#" + r.step(), r));
                recent.reaches().forEach(r -> reaches.computeIfAbsent(pose, p -> new TreeMap<>()).put(r.sessionId(), r));
            });
        }
        Map<String, Recent> out = new TreeMap<>();
        for (String pose : union(ratings.keySet(), reaches.keySet())) {
            out.put(pose, new Recent(last(ratings.getOrDefault(pose, Map.of()).values(), Rating.ORDER),
                    last(reaches.getOrDefault(pose, Map.of()).values(), Reach.ORDER)));
        }
        return out;
    }

    /** The alerts, one at most per pose, earliest first; {@code names} gives a pose's name (or null). */
    public static List<PainAlert> alerts(Map<String, Recent> poses, Function<String, String> names) {
        List<PainAlert> alerts = new ArrayList<>();
        poses.forEach((pose, recent) -> {
            String name = Optional.ofNullable(names.apply(pose)).orElse(pose);
            fromRatings(name, recent.ratings()).or(() -> fromSkips(name, recent.reaches()))
                    .map(a -> new PainAlert(a.type(), a.since(), a.reason(), a.advice(), pose)).ifPresent(alerts::add);
        });
        alerts.sort(Comparator.comparing(PainAlert::since).thenComparing(PainAlert::reason));
        return alerts;
    }

    /** The poses an alert is raised for: only their names are needed to word the alerts. */
    public static java.util.Set<String> alerting(Map<String, Recent> poses) {
        java.util.Set<String> out = new java.util.TreeSet<>();
        poses.forEach((pose, recent) -> {
            if (fromRatings(pose, recent.ratings()).or(() -> fromSkips(pose, recent.reaches())).isPresent()) {
                out.add(pose);
            }
        });
        return out;
    }

    static Optional<PainAlert> fromRatings(String name, List<Rating> ratings) {
        List<Rating> last3 = ratings.subList(Math.max(0, ratings.size() - KEEP), ratings.size());
        List<Rating> hot = last3.stream().filter(r -> r.discomfort() >= HOT).toList();
        if (hot.size() < 2) {
            return Optional.empty();
        }
        return Optional.of(new PainAlert(POSE_PAIN, hot.get(0).date(), name + " was rated " + HOT + " or more in "
                + hot.size() + " of its last " + last3.size() + " ratings.", advice(name, hot.get(hot.size() - 1).gentler())));
    }

    static Optional<PainAlert> fromSkips(String name, List<Reach> reaches) {
        List<Reach> last3 = reaches.subList(Math.max(0, reaches.size() - KEEP), reaches.size());
        List<Reach> skipped = last3.stream().filter(Reach::skippedForPain).toList();
        if (skipped.size() < 2) {
            return Optional.empty();
        }
        return Optional.of(new PainAlert(POSE_PAIN, skipped.get(0).date(), name + " was skipped for pain in "
                + skipped.size() + " of the last " + last3.size() + " sessions that reached it.",
                advice(name, skipped.get(skipped.size() - 1).gentler())));
    }

    static String advice(String name, String gentler) {
        String instead = gentler != null
                ? "Next time, take the gentler option, \u201c" + gentler + "\u201d, and come out of it at the first sharp feeling."
                : "This step has no gentler option: leave " + name + " out for now, or move through it only as far as is easy.";
        return instead + " If " + name + " keeps hurting, ask a physiotherapist to look at how you do it.";
    }

    private static <T> List<T> last(Collection<T> items, Comparator<T> order) {
        List<T> sorted = new ArrayList<>(items);
        sorted.sort(order);
        return List.copyOf(sorted.subList(Math.max(0, sorted.size() - KEEP), sorted.size()));
    }

    private static java.util.SortedSet<String> union(Collection<String> a, Collection<String> b) {
        java.util.SortedSet<String> all = new java.util.TreeSet<>(a);
        all.addAll(b);
        return all;
    }
}
