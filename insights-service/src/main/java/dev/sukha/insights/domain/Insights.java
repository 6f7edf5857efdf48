package dev.sukha.insights.domain;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Every figure of one person, computed from their sessions and goal: the rules
 * above put together in the person's own calendar. Pure: the same sessions and
 * clock give the same answer, whatever order the events came in.
 */
public final class Insights {

    private final List<SessionFacts> sessions;
    private final WeeklyGoal goal;
    private final ZoneId zone;
    private final LocalDate today;
    private final SortedSet<LocalDate> days;

    /**
     * @param zone "today"'s zone, or null for the zone of the latest-starting session (UTC if none)
     */
    public Insights(Collection<SessionFacts> sessions, WeeklyGoal goal, ZoneId zone, Clock clock) {
        // A fixed order: sums of doubles (mean pains, the slope) must not depend on the order
        // the store returns sessions in, down to the last bit that rounding can flip.
        this.sessions = sessions.stream().filter(SessionFacts::started)
                .sorted(Comparator.comparing(SessionFacts::startInstant).thenComparing(SessionFacts::sessionId))
                .toList();
        this.goal = goal;
        this.zone = zone != null ? zone : this.sessions.stream()
                .max(Comparator.comparing(SessionFacts::startInstant).thenComparing(SessionFacts::sessionId))
                .map(s -> ZoneId.of(s.zone())).orElse(ZoneId.of("UTC"));
        this.today = LocalDate.now(clock.withZone(this.zone));
        this.days = PracticeDay.days(this.sessions);
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

    public record StreakView(int current, int longest, boolean practicedToday, LocalDate today,
                             LocalDate lastPracticeDay, int goalDays, int goalStreak) {
    }

    public StreakView streak() {
        Streak s = Streak.of(days, today);
        // A session synced from a device whose clock runs ahead may date after "today": it is not the last yet.
        SortedSet<LocalDate> upToToday = days.headSet(today.plusDays(1));
        return new StreakView(s.current(), s.longest(), days.contains(today), today,
                upToToday.isEmpty() ? null : upToToday.last(), goal.daysFor(thisWeek()), goal.streak(thisWeek(), days));
    }

    public record SessionCounts(int started, int completed, int abandoned) {
    }

    public record PainView(int sessions, Double avgBefore, Double avgAfter, Double avgRelief, int meaningful,
                           Map<String, PainSummary> byArea) {
    }

    public record WeekView(String week, LocalDate start, LocalDate end, String zone, List<LocalDate> daysPracticed,
                           int goalDays, boolean goalMet, SessionCounts sessions, long minutes, int posesCompleted,
                           PainView pain) {
    }

    public WeekView week(IsoWeek week) {
        List<SessionFacts> in = sessions.stream().filter(s -> week.contains(s.localDate())).toList();
        List<LocalDate> practiced = List.copyOf(days.subSet(week.monday(), week.sunday().plusDays(1)));
        SessionCounts counts = new SessionCounts(in.size(),
                (int) in.stream().filter(s -> SessionFacts.COMPLETED.equals(s.end())).count(),
                (int) in.stream().filter(s -> SessionFacts.ABANDONED.equals(s.end())).count());
        int poses = in.stream().mapToInt(s -> s.completedSteps().size()).sum();
        PainSummary overall = PainSummary.of(in, null);
        SortedSet<String> areas = new TreeSet<>();
        in.forEach(s -> s.painBefore().keySet().stream().filter(s.painAfter()::containsKey).forEach(areas::add));
        Map<String, PainSummary> byArea = new TreeMap<>();
        areas.forEach(a -> byArea.put(a, PainSummary.of(in, a)));
        return new WeekView(week.toString(), week.monday(), week.sunday(), zone.getId(), practiced,
                goal.daysFor(week), goal.met(week, days), counts, Minutes.of(in), poses,
                new PainView(overall.sessions(), overall.avgBefore(), overall.avgAfter(), overall.avgRelief(),
                        overall.meaningful(), byArea));
    }

    public record TrendView(List<PainTrend.Week> weeks, Double slopePerWeek, String direction, List<PainAlert> alerts) {
    }

    public TrendView painTrend(int weeks, String area) {
        PainTrend trend = PainTrend.of(sessions, thisWeek(), weeks, area);
        return new TrendView(trend.weeks(), trend.slopePerWeek(), trend.direction(), PainAlert.of(sessions));
    }

    public List<ReliefRanking.Entry> reliefByRoutine() {
        return ReliefRanking.of(sessions);
    }
}
