package dev.sukha.insights.domain;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Today's session: from a person's intake, safety screen, programme and the sessions they practised since they started
 * it, the stage they are at, the routine for today and each step's variant, and why — the contract's "Programme" rules.
 * <p>
 * The stage is a walk through what happened since the programme started, in time order (sessions by start then id;
 * a pause at the start of its day, before that day's sessions; an alert at the end of the day it was raised, after the
 * sessions that raised it), so the same sessions, pauses and alerts give the same answer whatever order they arrived in:
 * <ul>
 * <li><b>step up</b> (not past the last) when the last three completed sessions at the stage lie within 14 days, none
 * with pain after above pain before (where both were rated), no pose rated above 5, and no safety alert active then
 * (raised on an earlier day);</li>
 * <li><b>step back</b> (not below the first) at the start of a pause for a flare or an illness, on the day a
 * {@code PAIN_WORSENING} alert is raised (unless that day already stepped back: the same worsening), and after two
 * rated sessions in a row with pain after at least pain before + 2 (each area's mean; a session without both ratings
 * neither counts nor breaks the run).</li>
 * </ul>
 * A pose starts on the stage's variant; it is {@code GENTLER} (that side only) once rated 7 or more, or while under a
 * {@code POSE_PAIN} alert; {@code FULL} once done on its gentler option in three sessions with discomfort 3 or less
 * (after its last rating of 7 or more, if any). The routine is the next of the stage's routines that fit the intake's
 * spaces and minutes, taking turns.
 */
public final class NextSession {

    public enum Status { PRACTISE, URGENT_CARE, SEE_CLINICIAN, NO_INTAKE }

    static final int SESSIONS_TO_STEP_UP = 3;
    static final Duration STEP_UP_WITHIN = Duration.ofDays(14);
    static final int MAX_DISCOMFORT_TO_STEP_UP = 5;
    static final int WORSE_BY = 2;
    static final int WORSE_IN_A_ROW = 2;
    static final int HIGH_DISCOMFORT = 7;
    static final int LOW_DISCOMFORT = 3;
    static final int GENTLER_SESSIONS_TO_OUTGROW = 3;

    /** The programme a person follows: since when, and the stage it started them on. */
    public record Enrolment(String programmeId, Instant startedAt, LocalDate startedOn, int startStage) {
    }

    /** An alert active now, and the local day it was raised. */
    public record ActiveAlert(String type, LocalDate since, String pose) {
    }

    public record Inputs(SafetyScreen.Outcome safety, Intake intake, Enrolment enrolment, ProgrammePlan programme,
                         Map<String, RoutinePlan> routines, List<SessionFacts> sessions, List<Pause> pauses,
                         List<ActiveAlert> alerts) {
    }

    public record ProgrammeState(String id, int version, String title, int stage, String stageTitle, int stages,
                                 int sessionsAtStage) {
    }

    public record Step(int step, String pose, String side, ProgrammePlan.Variant variant) {
    }

    public record Answer(Status status, ProgrammeState programme, RoutinePlan routine, List<Step> steps, List<String> reasons) {
    }

    private NextSession() {
    }

    /** The stage the starting rule gives: the second when pain is below 4 and has lasted over 12 weeks, else the first. */
    public static int startingStage(Intake intake, ProgrammePlan programme) {
        boolean mildAndLasting = intake != null && intake.duration() == Intake.Duration.OVER_12_WEEKS
                && intake.pain().values().stream().allMatch(p -> p < 4);
        return mildAndLasting && programme.stages().size() >= 2 ? 2 : 1;
    }

    /** The programme that best matches the intake's areas: most areas shared, then most pain in them, then by id. */
    public static java.util.Optional<ProgrammePlan> bestMatch(Intake intake, List<ProgrammePlan> programmes) {
        Comparator<ProgrammePlan> byShared = Comparator.comparingInt(p -> shared(intake, p).size());
        Comparator<ProgrammePlan> byPain = Comparator.comparingInt(p -> shared(intake, p).stream()
                .mapToInt(a -> intake.pain().getOrDefault(a, 0)).sum());
        return programmes.stream().filter(p -> !shared(intake, p).isEmpty())
                .max(byShared.thenComparing(byPain).thenComparing(ProgrammePlan::id, Comparator.reverseOrder()));
    }

    private static List<BodyArea> shared(Intake intake, ProgrammePlan p) {
        return intake.areas().stream().filter(a -> p.areas().contains(a.wire())).toList();
    }

    public static Answer of(Inputs in) {
        switch (in.safety().status()) {
            case NO_INTAKE:
                return new Answer(Status.NO_INTAKE, null, null, List.of(), in.safety().reasons());
            case URGENT_CARE:
                return new Answer(Status.URGENT_CARE, null, null, List.of(), in.safety().reasons());
            case SEE_CLINICIAN:
                return new Answer(Status.SEE_CLINICIAN, null, null, List.of(), in.safety().reasons());
            default:
                break;
        }
        if (in.enrolment() == null || in.programme() == null) {
            return new Answer(Status.PRACTISE, null, null, List.of(), List.of(
                    "You are not following a programme: choose any routine, or start a programme."));
        }
        List<SessionFacts> since = in.sessions().stream().filter(SessionFacts::started)
                .filter(s -> !s.startInstant().isBefore(in.enrolment().startedAt()))
                .sorted(SessionFacts.BY_START).toList();
        Walk walk = walk(in, since);
        ProgrammePlan.Stage stage = in.programme().stage(walk.stage);
        List<String> reasons = new ArrayList<>();
        reasons.add(walk.why);
        ProgrammeState state = new ProgrammeState(in.programme().id(), in.programme().version(), in.programme().title(),
                stage.stage(), stage.title(), in.programme().stages().size(), walk.completedAtStage);

        List<RoutinePlan> fitting = stage.routines().stream().map(in.routines()::get)
                .filter(r -> r != null && r.fits(in.intake().spaces(), in.intake().minutesPerDay())).toList();
        if (fitting.isEmpty()) {
            reasons.add("No routine of this stage fits " + in.intake().minutesPerDay() + " minutes in the places you chose: "
                    + "pick any routine, or change your intake.");
            return new Answer(Status.PRACTISE, state, null, List.of(), reasons);
        }
        RoutinePlan routine = fitting.get(walk.startedAtStage % fitting.size());
        reasons.add(routine.title() + " fits your " + in.intake().minutesPerDay() + " minutes"
                + (fitting.size() > 1 ? "; this stage's routines take turns." : "."));
        List<Step> steps = new ArrayList<>();
        Map<String, String> changes = new LinkedHashMap<>();
        for (int i = 0; i < routine.steps().size(); i++) {
            RoutinePlan.Step s = routine.steps().get(i);
            ProgrammePlan.Variant variant = variant(in, since, stage, s, changes);
            steps.add(new Step(i, s.pose(), s.side(), variant));
        }
        reasons.addAll(changes.values());
        return new Answer(Status.PRACTISE, state, routine, steps, reasons);
    }

    /** Where the walk through the sessions since the start ends. */
    private static final class Walk {
        int stage;
        int completedAtStage;
        int startedAtStage;
        String why;
    }

    /** Something that moves the stage, in time order: a session, or a step back at the start of a day. */
    private record Mark(LocalDate day, Instant at, int kind, String id, SessionFacts session, String stepBack) {
        static final Comparator<Mark> ORDER = Comparator.comparing(Mark::day).thenComparingInt(Mark::kind)
                .thenComparing(Mark::at).thenComparing(Mark::id);
    }

    private static Walk walk(Inputs in, List<SessionFacts> since) {
        LocalDate startDay = in.enrolment().startedOn();
        List<Mark> marks = new ArrayList<>();
        for (SessionFacts s : since) {
            marks.add(new Mark(s.localDate(), s.startInstant(), 1, s.sessionId(), s, null));
        }
        for (Pause p : in.pauses()) {
            if (("flare".equals(p.reason()) || "illness".equals(p.reason())) && !p.from().isBefore(startDay)) {
                marks.add(new Mark(p.from(), Instant.MIN, 0, "pause " + p.id(), null,
                        "a pause for " + (p.reason().equals("flare") ? "a flare" : "an illness") + " from " + p.from()));
            }
        }
        for (ActiveAlert a : in.alerts()) {
            if (PainAlert.PAIN_WORSENING.equals(a.type()) && !a.since().isBefore(startDay)) {
                // At the end of its day: the alert follows the sessions that raised it.
                marks.add(new Mark(a.since(), Instant.MAX, 2, "alert", null, "pain getting worse since " + a.since()));
            }
        }
        marks.sort(Mark.ORDER);

        int last = in.programme().stages().size();
        Walk w = new Walk();
        w.stage = Math.max(1, Math.min(in.enrolment().startStage(), last));
        w.why = w.stage == 1 ? "You start at the first stage." : "You start at stage " + w.stage
                + ": your pain is mild and has lasted over 12 weeks.";
        List<SessionFacts> completed = new ArrayList<>();
        int worseRun = 0;
        LocalDate steppedBackOn = null;
        for (Mark m : marks) {
            if (m.stepBack() != null && m.kind() == 2 && m.day().equals(steppedBackOn)) {
                continue; // the alert says what that day's step back already took into account
            }
            if (m.stepBack() != null) {
                steppedBackOn = m.day();
                w.why = stepBack(w, "after " + m.stepBack());
                completed.clear();
                worseRun = 0;
                continue;
            }
            SessionFacts s = m.session();
            w.startedAtStage++;
            PainChange change = PainChange.of(s);
            if (change != null) {
                worseRun = change.worseBy(WORSE_BY) ? worseRun + 1 : 0;
            }
            if (worseRun >= WORSE_IN_A_ROW) {
                steppedBackOn = m.day();
                w.why = stepBack(w, "after " + WORSE_IN_A_ROW + " sessions in a row with pain after at least "
                        + WORSE_BY + " above pain before");
                completed.clear();
                worseRun = 0;
                continue;
            }
            if (!SessionFacts.COMPLETED.equals(s.end())) {
                continue;
            }
            completed.add(s);
            List<SessionFacts> lastThree = completed.subList(Math.max(0, completed.size() - SESSIONS_TO_STEP_UP), completed.size());
            if (lastThree.size() == SESSIONS_TO_STEP_UP && w.stage < last
                    && Duration.between(lastThree.get(0).startInstant(), s.startInstant()).compareTo(STEP_UP_WITHIN) <= 0
                    && lastThree.stream().allMatch(NextSession::good) && !alertActiveOn(in.alerts(), s.localDate())) {
                w.stage++;
                w.startedAtStage = 0;
                completed.clear();
                w.why = "Moved up to stage " + w.stage + " after " + SESSIONS_TO_STEP_UP + " good sessions within "
                        + STEP_UP_WITHIN.toDays() + " days.";
            }
        }
        w.completedAtStage = completed.size();
        return w;
    }

    private static String stepBack(Walk w, String cause) {
        w.startedAtStage = 0;
        if (w.stage > 1) {
            w.stage--;
            return "Stepped back to stage " + w.stage + " " + cause + ".";
        }
        return "Staying at the first stage " + cause + ".";
    }

    /** A session that allows a step up: no worse after than before where both were rated, and no pose rated above 5. */
    private static boolean good(SessionFacts s) {
        PainChange change = PainChange.of(s);
        boolean noWorse = change == null || change.after() <= change.before();
        return noWorse && s.feels().values().stream()
                .allMatch(f -> f.discomfort() == null || f.discomfort() <= MAX_DISCOMFORT_TO_STEP_UP);
    }

    /** An alert counts from the end of the day it was raised (as its mark does): for the sessions of later days. */
    private static boolean alertActiveOn(List<ActiveAlert> alerts, LocalDate day) {
        return alerts.stream().anyMatch(a -> a.since().isBefore(day));
    }

    private static ProgrammePlan.Variant variant(Inputs in, List<SessionFacts> since, ProgrammePlan.Stage stage,
                                                 RoutinePlan.Step step, Map<String, String> changes) {
        String where = step.pose() + (isSided(step.side()) ? " (" + step.side() + ")" : "");
        if (in.alerts().stream().anyMatch(a -> PosePain.POSE_PAIN.equals(a.type()) && step.pose().equals(a.pose()))) {
            changes.putIfAbsent(where, "Gentler option for " + where + ": it is under a pose pain alert.");
            return ProgrammePlan.Variant.GENTLER;
        }
        boolean ratedHigh = false;
        int gentlerAndEasy = 0;
        for (SessionFacts s : since) {
            for (StepFeel f : s.feels().values()) {
                if (!f.pose().equals(step.pose()) || !sameSide(f.side(), step.side()) || f.discomfort() == null) {
                    continue;
                }
                if (f.discomfort() >= HIGH_DISCOMFORT) {
                    ratedHigh = true;
                    gentlerAndEasy = 0;
                } else if (f.gentler() != null && f.discomfort() <= LOW_DISCOMFORT) {
                    gentlerAndEasy++;
                }
            }
        }
        if (gentlerAndEasy >= GENTLER_SESSIONS_TO_OUTGROW) {
            if (stage.startsOn(step.pose()) == ProgrammePlan.Variant.GENTLER || ratedHigh) {
                changes.putIfAbsent(where, "Full " + where + ": you have done its gentler option " + GENTLER_SESSIONS_TO_OUTGROW
                        + " times with little discomfort.");
            }
            return ProgrammePlan.Variant.FULL;
        }
        if (ratedHigh) {
            changes.putIfAbsent(where, "Gentler option for " + where + ": you rated it " + HIGH_DISCOMFORT + " or more.");
            return ProgrammePlan.Variant.GENTLER;
        }
        return stage.startsOn(step.pose());
    }

    private static boolean isSided(String side) {
        return StepFeel.LEFT.equals(side) || StepFeel.RIGHT.equals(side);
    }

    /** Left and right are told apart; a step on both sides or none is one pose. */
    private static boolean sameSide(String recorded, String planned) {
        return isSided(planned) ? planned.equals(recorded) : !isSided(recorded);
    }

    /** Pain after against before on the areas rated both times, exactly (sums over the same areas). */
    private record PainChange(int before, int after, int areas) {
        static PainChange of(SessionFacts s) {
            if (s.painBefore() == null || s.painAfter() == null) {
                return null;
            }
            int before = 0;
            int after = 0;
            int areas = 0;
            for (Map.Entry<String, Integer> b : s.painBefore().entrySet()) {
                Integer a = s.painAfter().get(b.getKey());
                if (a != null) {
                    before += b.getValue();
                    after += a;
                    areas++;
                }
            }
            return areas == 0 ? null : new PainChange(before, after, areas);
        }

        /** Mean pain after at least {@code points} above mean pain before. */
        boolean worseBy(int points) {
            return after - before >= points * areas;
        }
    }
}
