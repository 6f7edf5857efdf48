package dev.sukha.insights.usecase;

import dev.sukha.insights.domain.Figure;
import dev.sukha.platform.problem.Problem;
import dev.sukha.platform.problem.ProblemException;
import dev.sukha.insights.domain.Insights;
import dev.sukha.insights.domain.IsoWeek;
import dev.sukha.insights.domain.Pause;
import dev.sukha.insights.domain.Pauses;
import dev.sukha.insights.domain.ReliefRanking;
import dev.sukha.insights.domain.Asymmetry;
import dev.sukha.insights.domain.PoseDiscomfort;
import dev.sukha.insights.domain.SessionFacts;
import dev.sukha.insights.store.People;
import dev.sukha.insights.store.PoseLibrary;
import dev.sukha.insights.store.ProjectionReader;
import dev.sukha.insights.store.RoutineTitles;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Checks the query parameters, reads what the figures asked for need (one query: the
 * person's summary, settings and the weeks in question), and computes them.
 */
@ApplicationScoped
public class Figures {

    static final List<String> AREAS = dev.sukha.insights.domain.BodyArea.WIRE;
    static final int MAX_WEEKS = 52;
    /** The JDK copies its zone ids on every call: read them once. */
    private static final java.util.Set<String> ZONES = ZoneId.getAvailableZoneIds();

    private final ProjectionReader reader;
    private final People people;
    private final RoutineTitles titles;
    private final PoseLibrary library;
    private final Clock clock = Clock.systemUTC();
    private final ChangeNotices changes;

    public Figures(ProjectionReader reader, People people, RoutineTitles titles, PoseLibrary library, ChangeNotices changes) {
        this.changes = changes;
        this.reader = reader;
        this.people = people;
        this.titles = titles;
        this.library = library;
    }

    /** The person's figures, with the sessions of {@code weeks} at hand. */
    private record Loaded(Insights insights, ProjectionReader.Person person) {
    }

    private Loaded load(String user, ZoneId zone, Collection<IsoWeek> weeks) {
        ProjectionReader.Person person = reader.read(user, weeks);
        return new Loaded(new Insights(person.history(), person.goal(), person.pauses(), zone, clock), person);
    }

    /** For figures that raise no alert (streaks, the goal, relief): the history without its alerts part. */
    private Insights loadWithoutAlerts(String user, ZoneId zone) {
        ProjectionReader.Person person = reader.read(user, List.of(), false);
        return new Insights(person.withoutAlerts(), person.goal(), person.pauses(), zone, clock);
    }

    /** For a week's figures: the whole history is not needed, only the zone of the latest session. */
    private Loaded loadForWeek(String user, ZoneId zone, Collection<IsoWeek> weeks) {
        ProjectionReader.Person person = reader.read(user, weeks, false);
        return new Loaded(new Insights(person.latestOnly(), person.goal(), person.pauses(), zone, clock), person);
    }

    /** "This week" in the zone, or, before the person's zone is known, every week it can be. */
    private SortedSet<IsoWeek> thisWeeks(ZoneId zone) {
        return zone != null ? new TreeSet<>(Set.of(IsoWeek.of(LocalDate.now(clock.withZone(zone)))))
                : Insights.possibleThisWeeks(clock);
    }

    public Insights.StreakView streak(String user, String zone) {
        return loadWithoutAlerts(user, zone(zone)).streak();
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
        Loaded loaded = loadForWeek(user, z, w != null ? List.of(w) : thisWeeks(z));
        IsoWeek shown = w != null ? w : loaded.insights().thisWeek();
        return loaded.insights().week(shown, loaded.person().sessions(List.of(shown)));
    }

    public Insights.TrendView trend(String user, String weeks, String area, String zone) {
        List<Problem.Error> errors = new ArrayList<>();
        ZoneId z = zone(zone, errors);
        int n = weeks(weeks, errors);
        if (area != null && !AREAS.contains(area)) {
            errors.add(new Problem.Error("area", "unknown body area '" + area + "': use one of " + AREAS));
        }
        fail(errors);
        Set<IsoWeek> window = window(z, n);
        Loaded loaded = load(user, z, window);
        Map<String, String> names = names(library.find(loaded.insights().alertedPoses()));
        return loaded.insights().painTrend(n, area, loaded.person().sessions(window), names::get);
    }

    /** How each pose felt over the last {@code weeks} weeks, most uncomfortable first. */
    public List<PoseDiscomfort.Entry> poseDiscomfort(String user, String weeks, String zone) {
        Window w = window(user, weeks, zone);
        List<SessionFacts> sessions = w.loaded().person().sessions(w.weeks());
        return w.loaded().insights().poseDiscomfort(sessions, names(library.find(posesOf(sessions))));
    }

    /** The poses whose left and right felt different over the last {@code weeks} weeks. */
    public List<Asymmetry.Entry> asymmetry(String user, String weeks, String zone) {
        Window w = window(user, weeks, zone);
        List<SessionFacts> sessions = w.loaded().person().sessions(w.weeks());
        Map<String, PoseLibrary.Pose> poses = library.find(posesOf(sessions));
        Map<String, List<String>> areas = new HashMap<>();
        poses.forEach((id, p) -> areas.put(id, p.areas()));
        return w.loaded().insights().asymmetry(sessions, names(poses), areas);
    }

    private record Window(Loaded loaded, Set<IsoWeek> weeks) {
    }

    private Window window(String user, String weeks, String zone) {
        List<Problem.Error> errors = new ArrayList<>();
        ZoneId z = zone(zone, errors);
        int n = weeks(weeks, errors);
        fail(errors);
        Set<IsoWeek> window = window(z, n);
        return new Window(loadForWeek(user, z, window), window);
    }

    /** The last {@code n} weeks up to this one (in the zone; before it is known, every week "this week" can be). */
    private Set<IsoWeek> window(ZoneId zone, int n) {
        Set<IsoWeek> window = new TreeSet<>();
        for (IsoWeek last : thisWeeks(zone)) {
            for (int i = 0; i < n; i++) {
                window.add(last.plus(-i));
            }
        }
        return window;
    }

    private static int weeks(String weeks, List<Problem.Error> errors) {
        if (weeks == null) {
            return 8;
        }
        try {
            int n = Integer.parseInt(weeks);
            if (n < 1 || n > MAX_WEEKS) {
                errors.add(new Problem.Error("weeks", "must be from 1 to " + MAX_WEEKS));
            }
            return n;
        } catch (NumberFormatException e) {
            errors.add(new Problem.Error("weeks", "must be a whole number from 1 to " + MAX_WEEKS));
            return 8;
        }
    }

    private static Set<String> posesOf(Collection<SessionFacts> sessions) {
        Set<String> poses = new TreeSet<>();
        sessions.forEach(s -> s.feels().values().forEach(f -> poses.add(f.pose())));
        return poses;
    }

    private static Map<String, String> names(Map<String, PoseLibrary.Pose> poses) {
        Map<String, String> names = new HashMap<>();
        poses.forEach((id, p) -> names.put(id, p.name()));
        return names;
    }

    /** A relief entry as served: the ranking's figures and the routine's title, when known. */
    public record ReliefView(String routineId, String title, int sessions, Double avgRelief, Double meaningfulShare) {
    }

    public List<ReliefView> relief(String user) {
        List<ReliefRanking.Entry> ranking = loadWithoutAlerts(user, null).reliefByRoutine();
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
        ZoneId z = zone(zone);
        people.setGoal(user, loadWithoutAlerts(user, z).thisWeek(), days);
        changes.changed(List.of(user), Figure.FROM_SETTINGS);
        return streak(user, zone);
    }

    /** Today in the person's zone ({@code zone}, else that of their latest session, else UTC). */
    public LocalDate today(String user, String zone) {
        return loadForWeek(user, zone(zone), List.of()).insights().today();
    }

    /** The person's pauses, earliest first. */
    public List<Pause> pauses(String user) {
        return people.pauses(user).all();
    }

    /** Adds a pause after checking it against the contract's limits, "today" in the person's zone. */
    public Pause pause(String user, String from, String to, String reason, String zone) {
        LocalDate today = loadForWeek(user, zone(zone), List.of()).insights().today();
        List<Pauses.Error> errors = Pauses.check(from, to, reason, today, people.pauses(user).all().size());
        if (!errors.isEmpty()) {
            throw new ProblemException(Problem.invalid(422, "The pause cannot be kept as sent; nothing was changed.",
                    errors.stream().map(e -> new Problem.Error(e.field(), e.message())).toList()));
        }
        Pause pause = new Pause(UUID.randomUUID().toString(), LocalDate.parse(from), LocalDate.parse(to), reason);
        people.putPause(user, pause);
        changes.changed(List.of(user), Figure.FROM_SETTINGS);
        return pause;
    }

    /** Ends a pause today: the days already rested stay paused (see {@link Pauses#end}). */
    public void endPause(String user, String id, String zone) {
        Pause pause = people.pauses(user).find(id).orElseThrow(() -> ProblemException.notFound("There is no pause " + id + "."));
        LocalDate today = loadForWeek(user, zone(zone), List.of()).insights().today();
        Pauses.end(pause, today).ifPresentOrElse(p -> people.putPause(user, p), () -> people.removePause(user, id));
        changes.changed(List.of(user), Figure.FROM_SETTINGS);
    }

    /** A zone as asked for (null: the person's latest session's); an unknown one is a 400 naming {@code zone}. */
    public static ZoneId zoneOf(String zone) {
        List<Problem.Error> errors = new ArrayList<>();
        ZoneId z = zone(zone, errors);
        fail(errors);
        return z;
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
