package dev.sukha.insights.domain;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Every figure of one person, put together from the rules above in the person's own
 * calendar: what looks back further than a week from their {@link History}, a week or a
 * trend window from that period's sessions. Pure: the same inputs and clock give the same
 * answer, whatever order the events came in.
 */
public final class Insights {

    private final History history;
    private final WeeklyGoal goal;
    private final Pauses pauses;
    private final ZoneId zone;
    private final LocalDate today;

    public Insights(History history, WeeklyGoal goal, ZoneId zone, Clock clock) {
        this(history, goal, Pauses.none(), zone, clock);
    }

    /**
     * @param zone "today"'s zone, or null for the zone of the latest-starting session (UTC if none)
     */
    public Insights(History history, WeeklyGoal goal, Pauses pauses, ZoneId zone, Clock clock) {
        this.history = history;
        this.goal = goal;
        this.pauses = pauses;
        this.zone = zone != null ? zone
                : history.latest() != null ? ZoneId.of(history.latest().zone()) : ZoneId.of("UTC");
        this.today = LocalDate.now(clock.withZone(this.zone));
    }

    public ZoneId zone() {
        return zone;
    }

    public LocalDate today() {
        return today;
    }

    public IsoWeek thisWeek() {
        return IsoWeek.of(today);
    }

    public record StreakView(int current, int longest, boolean practicedToday, boolean pausedToday, LocalDate today,
                             LocalDate lastPracticeDay, int goalDays, int goalStreak) {
    }

    public StreakView streak() {
        PracticeDays days = history.days();
        PracticeDays paused = pauses.pausedDays(days);
        Streak s = Streak.of(days, paused, today);
        // A session synced from a device whose clock runs ahead may date after "today": it is not the last yet.
        return new StreakView(s.current(), s.longest(), days.contains(today), paused.contains(today), today,
                days.lastOnOrBefore(today).orElse(null), goal.daysFor(thisWeek(), paused),
                goal.streak(thisWeek(), days, paused));
    }

    /** Every pause, earliest first. */
    public List<Pause> pauses() {
        return pauses.all();
    }

    public record SessionCounts(int started, int completed, int abandoned) {
    }

    public record PainView(int sessions, Double avgBefore, Double avgAfter, Double avgRelief, int meaningful,
                           Map<String, PainSummary> byArea) {
    }

    public record WeekView(String week, LocalDate start, LocalDate end, String zone, List<LocalDate> daysPracticed,
                           List<LocalDate> pausedDays, int goalDays, boolean goalMet, SessionCounts sessions, long minutes,
                           int posesCompleted, PainView pain) {
    }

    /** @param sessions the sessions of that week (others are ignored) */
    public WeekView week(IsoWeek week, Collection<SessionFacts> sessions) {
        List<SessionFacts> in = sessions.stream().filter(SessionFacts::started)
                .filter(s -> week.contains(s.localDate())).sorted(SessionFacts.BY_START).toList();
        List<LocalDate> practiced = List.copyOf(PracticeDay.days(in));
        SessionCounts counts = new SessionCounts(in.size(),
                (int) in.stream().filter(s -> SessionFacts.COMPLETED.equals(s.end())).count(),
                (int) in.stream().filter(s -> SessionFacts.ABANDONED.equals(s.end())).count());
        int poses = in.stream().mapToInt(s -> s.completedSteps().size()).sum();
        PainSummary overall = PainSummary.of(in, null);
        SortedSet<String> areas = new TreeSet<>();
        in.forEach(s -> s.painBefore().keySet().stream().filter(s.painAfter()::containsKey).forEach(areas::add));
        Map<String, PainSummary> byArea = new TreeMap<>();
        areas.forEach(a -> byArea.put(a, PainSummary.of(in, a)));
        PracticeDays paused = pauses.pausedDays(PracticeDays.of(practiced));
        int goalDays = goal.daysFor(week, paused);
        return new WeekView(week.toString(), week.monday(), week.sunday(), zone.getId(), practiced,
                paused.between(week.monday(), week.sunday()), goalDays, goalDays > 0 && practiced.size() >= goalDays,
                counts, Minutes.of(in), poses,
                new PainView(overall.sessions(), overall.avgBefore(), overall.avgAfter(), overall.avgRelief(),
                        overall.meaningful(), byArea));
    }

    public record TrendView(List<PainTrend.Week> weeks, Double slopePerWeek, String direction, List<PainAlert> alerts) {
    }

    /**
     * @param sessions the sessions of the window's weeks (others are ignored)
     * @param names    a pose's name in the library, for the pose alerts (or null)
     */
    public TrendView painTrend(int weeks, String area, Collection<SessionFacts> sessions,
                               java.util.function.Function<String, String> names) {
        List<SessionFacts> ordered = sessions.stream().filter(SessionFacts::started).sorted(SessionFacts.BY_START).toList();
        PainTrend trend = PainTrend.of(ordered, thisWeek(), weeks, area);
        return new TrendView(trend.weeks(), trend.slopePerWeek(), trend.direction(), history.alerts(names));
    }

    public TrendView painTrend(int weeks, String area, Collection<SessionFacts> sessions) {
        return painTrend(weeks, area, sessions, pose -> null);
    }

    /** The window's poses, most uncomfortable first. */
    public List<PoseDiscomfort.Entry> poseDiscomfort(Collection<SessionFacts> sessions, Map<String, String> names) {
        return PoseDiscomfort.of(sessions, names);
    }

    /** The window's asymmetric poses, largest difference first. */
    public List<Asymmetry.Entry> asymmetry(Collection<SessionFacts> sessions, Map<String, String> names,
                                           Map<String, List<String>> areas) {
        return Asymmetry.of(PoseDiscomfort.tally(sessions), names, areas);
    }

    /** The poses the pose alerts are about: only their names are needed to word them (none: no lookup). */
    public java.util.Set<String> alertedPoses() {
        return PosePain.alerting(history.poses());
    }

    public List<ReliefRanking.Entry> reliefByRoutine() {
        return ReliefRanking.of(history.routines());
    }

    /** The weeks "this week" can be, whatever the person's zone: the one or two ISO weeks of now, UTC-12 to UTC+14. */
    public static SortedSet<IsoWeek> possibleThisWeeks(Clock clock) {
        SortedSet<IsoWeek> weeks = new TreeSet<>();
        weeks.add(IsoWeek.of(LocalDate.now(clock.withZone(ZoneId.of("-12:00")))));
        weeks.add(IsoWeek.of(LocalDate.now(clock.withZone(ZoneId.of("+14:00")))));
        return weeks;
    }
}
