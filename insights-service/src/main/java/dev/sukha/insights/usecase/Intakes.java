package dev.sukha.insights.usecase;

import dev.sukha.insights.domain.BodyArea;
import dev.sukha.insights.domain.Clearance;
import dev.sukha.insights.domain.Figure;
import dev.sukha.insights.domain.Intake;
import dev.sukha.insights.domain.IsoWeek;
import dev.sukha.insights.domain.RedFlag;
import dev.sukha.insights.domain.SafetyScreen;
import dev.sukha.insights.domain.Space;
import dev.sukha.insights.store.People;
import dev.sukha.platform.problem.Problem;
import dev.sukha.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A person's intake, its safety screen, and a clinician's clearance: kept, read, and what they allow. */
@ApplicationScoped
public class Intakes {

    /** How far back a clearance may be dated: a visit of years ago says nothing of today's answers. */
    static final int CLEARANCE_MAX_DAYS_BACK = 365;

    /** An intake's answers as on the wire (areas and spaces in lower case), for the API and the export. */
    public record IntakeAnswers(List<String> areas, Map<String, Integer> pain, String duration, List<String> spaces,
                          int minutesPerDay, int daysPerWeek, List<String> redFlags, String takenOn) {

        public static IntakeAnswers of(Intake i) {
            Map<String, Integer> pain = new TreeMap<>();
            i.pain().forEach((area, v) -> pain.put(area.wire(), v));
            return new IntakeAnswers(i.areas().stream().map(BodyArea::wire).sorted().toList(), pain, i.duration().name(),
                    i.spaces().stream().map(Space::wire).sorted().toList(), i.minutesPerDay(), i.daysPerWeek(),
                    names(i.redFlags()), i.takenOn().toString());
        }
    }

    /** A clearance as on the wire. */
    public record ClearanceAnswers(String clearedOn, List<String> cleared) {

        public static ClearanceAnswers of(Clearance c) {
            return c == null ? null : new ClearanceAnswers(c.clearedOn().toString(), names(c.cleared()));
        }
    }

    static List<String> names(Collection<RedFlag> flags) {
        return flags.stream().map(Enum::name).sorted().toList();
    }

    /** What is kept, and what the safety screen makes of it. */
    public record Kept(Intake intake, Clearance clearance, SafetyScreen.Outcome safety) {
    }

    private final People people;
    private final Figures figures;
    private final ChangeNotices changes;
    private final TodaysSession todays;

    public Intakes(People people, Figures figures, ChangeNotices changes, TodaysSession todays) {
        this.todays = todays;
        this.people = people;
        this.figures = figures;
        this.changes = changes;
    }

    public Kept read(String user) {
        People.Screening s = people.screening(user);
        return new Kept(s.intake(), s.clearance(), SafetyScreen.of(s.intake(), s.clearance()));
    }

    /** Keeps the intake (its days a week the goal from this week on), after checking every field. */
    public Kept put(String user, Intake.Form form, String zone) {
        LocalDate today = figures.today(user, zone);
        Intake.Checked checked = Intake.check(form, today);
        if (!checked.errors().isEmpty()) {
            throw new ProblemException(Problem.invalid(422, "The intake cannot be kept as sent; nothing was changed.",
                    checked.errors().stream().map(e -> new Problem.Error(e.field(), e.message())).toList()));
        }
        people.putIntake(user, checked.intake(), IsoWeek.of(today));
        todays.startIfNone(user, checked.intake(), today);
        changes.changed(List.of(user), Figure.FROM_SETTINGS);
        return read(user);
    }

    /** Records that a clinician cleared the person for the answers of their intake as it is now. */
    public Kept clear(String user, String clearedOn, String zone) {
        LocalDate today = figures.today(user, zone);
        LocalDate on = RecentDay.parse("clearedOn", clearedOn, today, CLEARANCE_MAX_DAYS_BACK,
                "The clearance cannot be kept as sent; nothing was changed.");
        People.Screening s = people.screening(user);
        if (s.intake() == null) {
            throw new ProblemException(Problem.of(409, "no-intake", "No intake to clear",
                    "Take the intake first; a clearance covers its safety answers."));
        }
        if (!s.intake().flags(RedFlag.Advice.URGENT_CARE).isEmpty()) {
            throw new ProblemException(Problem.of(409, "urgent-care", "A clearance does not lift urgent care",
                    "The intake says to seek urgent care now. Once seen, take the intake again with today's answers."));
        }
        people.putClearance(user, new Clearance(on, s.intake().flags(RedFlag.Advice.SEE_CLINICIAN)));
        changes.changed(List.of(user), Figure.FROM_SETTINGS);
        return read(user);
    }
}
