package dev.sukha.insights.api;

import dev.sukha.insights.domain.Insights;
import dev.sukha.insights.domain.IsoWeek;
import dev.sukha.insights.domain.ReliefRanking;
import dev.sukha.insights.store.PracticeStore;
import dev.sukha.insights.store.RoutineTitles;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/** Checks the query parameters, loads one person's document, and computes the figures asked for. */
@ApplicationScoped
public class Figures {

    static final List<String> AREAS = List.of("neck", "shoulders", "upper_back", "mid_back", "lower_back", "hips",
            "knees", "feet", "wrists", "jaw", "chest", "tailbone");
    static final int MAX_WEEKS = 52;
    /** The JDK copies its zone ids on every call: read them once. */
    private static final java.util.Set<String> ZONES = ZoneId.getAvailableZoneIds();

    private final PracticeStore store;
    private final RoutineTitles titles;
    private final Clock clock = Clock.systemUTC();

    public Figures(PracticeStore store, RoutineTitles titles) {
        this.store = store;
        this.titles = titles;
    }

    Insights of(String user, String zone) {
        return insights(user, zone(zone));
    }

    private Insights insights(String user, ZoneId zone) {
        return new Insights(store.sessions(user), store.goal(user), zone, clock);
    }

    public Insights.StreakView streak(String user, String zone) {
        return of(user, zone).streak();
    }

    public Insights.WeekView week(String user, String week, String zone) {
        List<Problem.Error> errors = new ArrayList<>();
        ZoneId z = zone(zone, errors);
        IsoWeek w = null;
        if (week != null) {
            try {
                w = IsoWeek.parse(week);
            } catch (IllegalArgumentException e) {
                errors.add(new Problem.Error("week", e.getMessage()));
            }
        }
        fail(errors);
        Insights insights = insights(user, z);
        return insights.week(w == null ? insights.thisWeek() : w);
    }

    public Insights.TrendView trend(String user, String weeks, String area, String zone) {
        List<Problem.Error> errors = new ArrayList<>();
        ZoneId z = zone(zone, errors);
        int n = 8;
        if (weeks != null) {
            try {
                n = Integer.parseInt(weeks);
                if (n < 1 || n > MAX_WEEKS) {
                    errors.add(new Problem.Error("weeks", "must be from 1 to " + MAX_WEEKS));
                }
            } catch (NumberFormatException e) {
                errors.add(new Problem.Error("weeks", "must be a whole number from 1 to " + MAX_WEEKS));
            }
        }
        if (area != null && !AREAS.contains(area)) {
            errors.add(new Problem.Error("area", "unknown body area '" + area + "': use one of " + AREAS));
        }
        fail(errors);
        return insights(user, z).painTrend(n, area);
    }

    /** A relief entry as served: the ranking's figures and the routine's title, when known. */
    public record ReliefView(String routineId, String title, int sessions, Double avgRelief, Double meaningfulShare) {
    }

    public List<ReliefView> relief(String user) {
        List<ReliefRanking.Entry> ranking = of(user, null).reliefByRoutine();
        var names = titles.titles(ranking.stream().map(ReliefRanking.Entry::routineId).toList());
        return ranking.stream().map(e -> new ReliefView(e.routineId(), names.get(e.routineId()), e.sessions(),
                e.avgRelief(), e.meaningfulShare())).toList();
    }

    /** Sets the weekly goal from this week on (this week in the person's zone). */
    public Insights.StreakView setGoal(String user, Integer days, String zone) {
        if (days == null || days < 1 || days > 7) {
            throw new ProblemException(Problem.invalid(422, "The weekly goal is 1 to 7 days.",
                    List.of(new Problem.Error("days", "must be a whole number from 1 to 7"))));
        }
        Insights now = of(user, zone);
        store.setGoal(user, now.thisWeek(), days);
        return of(user, zone).streak();
    }

    private ZoneId zone(String zone) {
        List<Problem.Error> errors = new ArrayList<>();
        ZoneId z = zone(zone, errors);
        fail(errors);
        return z;
    }

    private static ZoneId zone(String zone, List<Problem.Error> errors) {
        if (zone == null) {
            return null;
        }
        try {
            if (ZONES.contains(zone)) {
                return ZoneId.of(zone);
            }
        } catch (DateTimeException ignored) {
            // reported below
        }
        errors.add(new Problem.Error("zone", "unknown IANA time zone '" + zone + "'"));
        return null;
    }

    private static void fail(List<Problem.Error> errors) {
        if (!errors.isEmpty()) {
            throw new ProblemException(Problem.invalid(400, "Invalid query parameter.", errors));
        }
    }
}
