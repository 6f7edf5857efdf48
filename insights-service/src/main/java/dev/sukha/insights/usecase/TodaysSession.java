package dev.sukha.insights.usecase;

import dev.sukha.insights.domain.Figure;
import dev.sukha.insights.domain.Insights;
import dev.sukha.insights.domain.Intake;
import dev.sukha.insights.domain.IsoWeek;
import dev.sukha.insights.domain.NextSession;
import dev.sukha.insights.domain.PainAlert;
import dev.sukha.insights.domain.ProgrammePlan;
import dev.sukha.insights.domain.SafetyScreen;
import dev.sukha.insights.domain.SessionFacts;
import dev.sukha.insights.store.People;
import dev.sukha.insights.store.Programmes;
import dev.sukha.insights.store.ProjectionReader;
import dev.sukha.insights.store.RoutineTitles;
import dev.sukha.platform.problem.Problem;
import dev.sukha.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Today's session and the programme a person follows: reads what {@link NextSession} needs — the intake and its
 * screen, the programme and its routines' plans, the sessions since the person started it, their pauses and active
 * alerts — and starts, switches or leaves a programme.
 */
@ApplicationScoped
public class TodaysSession {

    private final ProjectionReader reader;
    private final People people;
    private final Programmes programmes;
    private final RoutineTitles routines;
    private final ChangeNotices changes;
    private final Clock clock = Clock.systemUTC();

    public TodaysSession(ProjectionReader reader, People people, Programmes programmes, RoutineTitles routines,
                         ChangeNotices changes) {
        this.reader = reader;
        this.people = people;
        this.programmes = programmes;
        this.routines = routines;
        this.changes = changes;
    }

    public NextSession.Answer next(String user, String zone) {
        ZoneId z = Figures.zoneOf(zone);
        ProjectionReader.Person person = reader.read(user, List.of(), true);
        People.Screening s = person.screening();
        SafetyScreen.Outcome safety = SafetyScreen.of(s.intake(), s.clearance());
        NextSession.Enrolment enrolment = s.enrolment();
        ProgrammePlan programme = enrolment == null ? null : programmes.find(enrolment.programmeId()).orElse(null);
        List<SessionFacts> sessions = List.of();
        java.util.Map<String, dev.sukha.insights.domain.RoutinePlan> plans = java.util.Map.of();
        if (programme != null && safety.practiseAllowed()) {
            LocalDate today = new Insights(person.history(), person.goal(), person.pauses(), z, clock).today();
            TreeSet<IsoWeek> weeks = new TreeSet<>();
            // The weeks since the start (a day early: the start's day in another zone may be in the week before).
            for (IsoWeek w = IsoWeek.of(enrolment.startedOn().minusDays(1)); !w.monday().isAfter(today); w = w.plus(1)) {
                weeks.add(w);
            }
            sessions = reader.sessionsOf(user, weeks);
            plans = routines.plans(programme.stages().stream().flatMap(st -> st.routines().stream()).distinct().toList());
        }
        List<NextSession.ActiveAlert> alerts = new ArrayList<>();
        if (programme != null) {
            for (PainAlert a : person.history().alerts()) {
                alerts.add(new NextSession.ActiveAlert(a.type(), a.since(), a.pose()));
            }
        }
        return NextSession.of(new NextSession.Inputs(safety, s.intake(), enrolment, programme, plans, sessions,
                person.pauses().all(), alerts));
    }

    /** How far back a person may say they began a programme: the sessions since count. */
    static final int MAX_DAYS_BACK = 42;

    /**
     * Starts (or switches to) a programme, at the stage the starting rule gives from the person's intake: now, or from
     * the start of {@code startedOn} (in the person's zone) when given.
     */
    public NextSession.Enrolment enrol(String user, String programmeId, String startedOn, String zone) {
        if (programmeId == null || programmeId.isBlank()) {
            throw new ProblemException(Problem.invalid(422, "Name the programme to follow.",
                    List.of(new Problem.Error("programmeId", "the id of a programme, e.g. upper-back"))));
        }
        ProgrammePlan programme = programmes.find(programmeId).orElseThrow(() -> new ProblemException(Problem.invalid(422,
                "There is no such programme.", List.of(new Problem.Error("programmeId", "no programme '" + programmeId + "'")))));
        ZoneId z = Figures.zoneOf(zone);
        ProjectionReader.Person person = reader.read(user, List.of(), false);
        Insights insights = new Insights(person.withoutAlerts(), person.goal(), person.pauses(), z, clock);
        LocalDate today = insights.today();
        NextSession.Enrolment e;
        if (startedOn == null) {
            e = start(user, person.screening().intake(), programme, clock.instant(), today);
        } else {
            LocalDate day = RecentDay.parse("startedOn", startedOn, today, MAX_DAYS_BACK, "The programme cannot start then.");
            e = start(user, person.screening().intake(), programme, day.atStartOfDay(insights.zone()).toInstant(), day);
        }
        changes.changed(List.of(user), Figure.FROM_SETTINGS);
        return e;
    }

    public void leave(String user) {
        people.removeEnrolment(user);
        changes.changed(List.of(user), Figure.FROM_SETTINGS);
    }

    /** After an intake, starts the programme that best matches it when the person follows none. */
    Optional<NextSession.Enrolment> startIfNone(String user, Intake intake, LocalDate today) {
        if (people.screening(user).enrolment() != null) {
            return Optional.empty();
        }
        return NextSession.bestMatch(intake, programmes.all()).map(p -> start(user, intake, p, clock.instant(), today));
    }

    private NextSession.Enrolment start(String user, Intake intake, ProgrammePlan programme, java.time.Instant at, LocalDate day) {
        NextSession.Enrolment e = new NextSession.Enrolment(programme.id(), at, day, NextSession.startingStage(intake, programme));
        people.putEnrolment(user, e);
        return e;
    }
}
