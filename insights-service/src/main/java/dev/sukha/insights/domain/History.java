package dev.sukha.insights.domain;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a person's whole history contributes to the figures that look further back than a
 * week: the practice days (streaks, the goal streak), each routine's relief sums (the
 * ranking), the last sessions and weeks with pain ratings (the safety alert) and the
 * latest-starting session (whose zone is "today"'s).
 * <p>
 * A history is made of weeks: {@link #ofWeek} summarises one week's sessions, and
 * {@link #merge} adds up the histories of disjoint sets of weeks (a year's weeks, a
 * person's years). Its size grows with practice days and routines, never with events,
 * sessions or steps: three sessions and four weeks are all the pain alert looks at, and three
 * ratings and three sessions per pose practised all the pose alert does.
 */
public record History(PracticeDays days, Map<String, RoutineTotals> routines,
                      List<PainAlert.SessionPain> lastSessionsWithPain, List<PainAlert.WeekPain> lastWeeksWithPain,
                      Latest latest, Map<String, PosePain.Recent> poses) {

    static final int KEEP_SESSIONS = 3;
    static final int KEEP_WEEKS = 4;

    /** The latest-starting session: its zone is the person's "today". */
    public record Latest(Instant start, String sessionId, String zone) {
        static final Comparator<Latest> ORDER = Comparator.comparing(Latest::start).thenComparing(Latest::sessionId);
    }

    public History {
        routines = Map.copyOf(routines);
        lastSessionsWithPain = List.copyOf(lastSessionsWithPain);
        lastWeeksWithPain = List.copyOf(lastWeeksWithPain);
        poses = poses == null ? Map.of() : Map.copyOf(poses);
    }

    /** A history without any pose's recent ratings. */
    public History(PracticeDays days, Map<String, RoutineTotals> routines, List<PainAlert.SessionPain> lastSessionsWithPain,
                   List<PainAlert.WeekPain> lastWeeksWithPain, Latest latest) {
        this(days, routines, lastSessionsWithPain, lastWeeksWithPain, latest, null);
    }

    public static History empty() {
        return new History(PracticeDays.empty(), Map.of(), List.of(), List.of(), null, null);
    }

    /** One ISO week's part: {@code sessions} are the started sessions whose local date is in {@code week}. */
    public static History ofWeek(IsoWeek week, Collection<SessionFacts> sessions) {
        List<SessionFacts> started = sessions.stream().filter(SessionFacts::started).sorted(SessionFacts.BY_START).toList();
        Map<String, RoutineTotals> routines = new TreeMap<>();
        List<PainAlert.SessionPain> withPain = new ArrayList<>();
        long before = 0;
        for (SessionFacts s : started) {
            if (s.routineId() != null) {
                routines.merge(s.routineId(), RoutineTotals.of(s), RoutineTotals::plus);
            }
            Relief.of(s, null).ifPresent(r ->
                    withPain.add(new PainAlert.SessionPain(s.startInstant(), s.sessionId(), s.localDate(), r.reliefX())));
            before += Relief.of(s, null).map(Relief::beforeX).orElse(0L);
        }
        List<PainAlert.WeekPain> weeks = withPain.isEmpty() ? List.of()
                : List.of(new PainAlert.WeekPain(week, withPain.size(), before));
        Latest latest = started.isEmpty() ? null : latest(started.get(started.size() - 1));
        return new History(PracticeDays.of(PracticeDay.days(started)), routines, last(withPain, KEEP_SESSIONS), weeks, latest,
                PosePain.recent(started));
    }

    /** A history of any sessions, week by week: what the stored summaries add up to. */
    public static History of(Collection<SessionFacts> sessions) {
        Map<IsoWeek, List<SessionFacts>> byWeek = new TreeMap<>();
        sessions.stream().filter(SessionFacts::started)
                .forEach(s -> byWeek.computeIfAbsent(IsoWeek.of(s.localDate()), w -> new ArrayList<>()).add(s));
        List<History> weeks = new ArrayList<>();
        byWeek.forEach((week, list) -> weeks.add(ofWeek(week, list)));
        return merge(weeks);
    }

    /** The history of disjoint parts put together (weeks into a year, years into a life). */
    public static History merge(Collection<History> parts) {
        List<PracticeDays> days = new ArrayList<>();
        Map<String, RoutineTotals> routines = new TreeMap<>();
        Map<String, PainAlert.SessionPain> sessions = new LinkedHashMap<>();
        Map<IsoWeek, PainAlert.WeekPain> weeks = new TreeMap<>();
        Latest latest = null;
        List<Map<String, PosePain.Recent>> poses = new ArrayList<>();
        for (History h : parts) {
            poses.add(h.poses());
            days.add(h.days());
            h.routines().forEach((id, t) -> routines.merge(id, t, RoutineTotals::plus));
            h.lastSessionsWithPain().forEach(s -> sessions.put(s.sessionId(), s));
            h.lastWeeksWithPain().forEach(w -> weeks.put(w.week(), w));
            if (h.latest() != null && (latest == null || Latest.ORDER.compare(h.latest(), latest) > 0)) {
                latest = h.latest();
            }
        }
        List<PainAlert.SessionPain> ordered = new ArrayList<>(sessions.values());
        ordered.sort(PainAlert.SessionPain.ORDER);
        return new History(PracticeDays.union(days), routines, last(ordered, KEEP_SESSIONS),
                last(new ArrayList<>(weeks.values()), KEEP_WEEKS), latest, PosePain.merge(poses));
    }

    private static Latest latest(SessionFacts s) {
        return new Latest(s.startInstant(), s.sessionId(), s.zone());
    }

    private static <T> List<T> last(List<T> ordered, int n) {
        return List.copyOf(ordered.subList(Math.max(0, ordered.size() - n), ordered.size()));
    }

    /**
     * How much a part of a history holds of what the alerts look at: sessions and weeks with pain
     * ratings, and per pose its ratings and reaches (each list at most 3 long; only zero or not matters).
     */
    public record AlertCounts(int sessionsWithPain, int weeksWithPain, Map<String, List<Integer>> poses) {
        public AlertCounts {
            poses = Map.copyOf(poses);
        }

        public static AlertCounts of(History h) {
            Map<String, List<Integer>> poses = new TreeMap<>();
            h.poses().forEach((pose, recent) -> poses.put(pose, List.of(recent.ratings().size(), recent.reaches().size())));
            return new AlertCounts(h.lastSessionsWithPain().size(), h.lastWeeksWithPain().size(), poses);
        }
    }

    /**
     * Whether merging a part whose sessions all have local dates before {@code olderBefore} would
     * leave this history's alerts as they are: the alerts keep the last 3 sessions and 4 weeks
     * with pain and each pose's last 3 ratings and reaches, so an older part changes nothing
     * where this history already holds that many certainly later entries — or where the part has
     * none of the kind. A local date before {@code olderBefore} starts before 18:00 UTC of that
     * day at the latest (no zone is more than 18 hours behind UTC); later means at or after that.
     * This lets a reader of many years stop decoding once the latest years settle the alerts.
     */
    public boolean alertsUnchangedBy(AlertCounts older, LocalDate olderBefore) {
        Instant after = olderBefore.atStartOfDay(ZoneOffset.UTC).toInstant().plus(Duration.ofHours(18));
        if (older.sessionsWithPain() > 0
                && lastSessionsWithPain.stream().filter(s -> !s.start().isBefore(after)).count() < KEEP_SESSIONS) {
            return false;
        }
        // Weeks of an older part are all before any of this history's (a part is whole ISO years).
        if (older.weeksWithPain() > 0 && lastWeeksWithPain.size() < KEEP_WEEKS) {
            return false;
        }
        for (var pose : older.poses().entrySet()) {
            PosePain.Recent recent = poses.get(pose.getKey());
            long ratings = recent == null ? 0 : recent.ratings().stream().filter(r -> !r.start().isBefore(after)).count();
            long reaches = recent == null ? 0 : recent.reaches().stream().filter(r -> !r.start().isBefore(after)).count();
            if ((pose.getValue().get(0) > 0 && ratings < PosePain.KEEP) || (pose.getValue().get(1) > 0 && reaches < PosePain.KEEP)) {
                return false;
            }
        }
        return true;
    }

    /** {@code PAIN_WORSENING} first, then any {@code POSE_PAIN}; {@code names} gives a pose's name (or null). */
    public List<PainAlert> alerts(java.util.function.Function<String, String> names) {
        List<PainAlert> alerts = new ArrayList<>(PainAlert.of(lastSessionsWithPain, lastWeeksWithPain));
        alerts.addAll(PosePain.alerts(poses, names));
        return alerts;
    }

    public List<PainAlert> alerts() {
        return alerts(pose -> null);
    }
}
