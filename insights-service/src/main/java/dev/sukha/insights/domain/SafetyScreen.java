package dev.sukha.insights.domain;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Whether practice is offered, from the intake's safety screen: any answer that calls for urgent
 * care stops practice until the person takes the intake again without it (a clearance never lifts
 * it); an answer that calls for a clinician stops practice until the person records that a
 * clinician cleared them for it. A later intake with only answers already cleared needs no new
 * clearance (redoing the intake to change minutes must not send anyone back to the doctor); a new
 * one does.
 */
public final class SafetyScreen {

    public enum Status { NO_INTAKE, URGENT_CARE, SEE_CLINICIAN, PRACTISE }

    /** The status, the answers behind it, and why in plain words. */
    public record Outcome(Status status, Set<RedFlag> flags, List<String> reasons) {

        public boolean practiseAllowed() {
            return status == Status.PRACTISE;
        }
    }

    private SafetyScreen() {
    }

    public static Outcome of(Intake intake, Clearance clearance) {
        if (intake == null) {
            return new Outcome(Status.NO_INTAKE, Set.of(), List.of("Answer the intake and its safety questions before the first practice."));
        }
        Set<RedFlag> urgent = intake.flags(RedFlag.Advice.URGENT_CARE);
        if (!urgent.isEmpty()) {
            return new Outcome(Status.URGENT_CARE, urgent, List.of(
                    "You answered yes to " + plain(urgent) + ": please seek urgent care now (call your emergency number or go "
                            + "to an emergency department). Practice stays off.",
                    "When you have been seen and things have changed, take the intake again."));
        }
        Set<RedFlag> clinician = intake.flags(RedFlag.Advice.SEE_CLINICIAN);
        Set<RedFlag> uncleared = clinician.stream().filter(f -> clearance == null || !clearance.cleared().contains(f))
                .collect(Collectors.toUnmodifiableSet());
        if (!uncleared.isEmpty()) {
            return new Outcome(Status.SEE_CLINICIAN, uncleared, List.of(
                    "You answered yes to " + plain(uncleared) + ": please see a doctor or physiotherapist before exercising.",
                    "Once a clinician has cleared you, record it here and practice opens."));
        }
        return new Outcome(Status.PRACTISE, clinician, clinician.isEmpty()
                ? List.of("Nothing in the safety questions stands in the way of gentle practice.")
                : List.of("A clinician cleared you on " + clearance.clearedOn() + "; practice is open."));
    }

    private static String plain(Set<RedFlag> flags) {
        return flags.stream().sorted().map(SafetyScreen::plain).collect(Collectors.joining("; "));
    }

    /** Each question as the person read it, shortened. */
    static String plain(RedFlag flag) {
        return switch (flag) {
            case BLADDER_BOWEL -> "new trouble with bladder or bowel control, or numbness around the genitals or buttocks";
            case SPREADING_WEAKNESS -> "weakness or numbness in a leg or arm that is getting worse";
            case CHEST_PAIN -> "chest pain, breathlessness, or pain spreading to the jaw or left arm";
            case FEVER_UNWELL -> "fever or feeling generally unwell";
            case TRAUMA -> "pain that began with a fall, accident or blow";
            case CANCER_WEIGHT_LOSS -> "cancer now or before, or weight loss you cannot explain";
            case NIGHT_PAIN -> "constant pain that is worse at night or at rest";
        };
    }
}
