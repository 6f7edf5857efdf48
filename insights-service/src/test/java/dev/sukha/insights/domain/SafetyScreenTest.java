package dev.sukha.insights.domain;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class SafetyScreenTest {

    private static final LocalDate DAY = LocalDate.of(2026, 12, 6);

    private static Intake answering(Set<RedFlag> flags) {
        return new Intake(Set.of(BodyArea.LOWER_BACK), Map.of(BodyArea.LOWER_BACK, 6), Intake.Duration.UNDER_6_WEEKS,
                Set.of(Space.MAT), 10, 3, flags, DAY);
    }

    @Test
    void withoutAnIntakeThereIsNoPracticeYet() {
        assertThat(SafetyScreen.of(null, null).status()).isEqualTo(SafetyScreen.Status.NO_INTAKE);
    }

    @Test
    void noYesMeansPractise() {
        SafetyScreen.Outcome o = SafetyScreen.of(answering(Set.of()), null);
        assertThat(o.status()).isEqualTo(SafetyScreen.Status.PRACTISE);
        assertThat(o.practiseAllowed()).isTrue();
    }

    @Test
    void anUrgentAnswerSendsToUrgentCareWhateverElse() {
        SafetyScreen.Outcome o = SafetyScreen.of(answering(Set.of(RedFlag.BLADDER_BOWEL, RedFlag.TRAUMA)),
                new Clearance(DAY, Set.of(RedFlag.TRAUMA, RedFlag.BLADDER_BOWEL)));
        assertThat(o.status()).isEqualTo(SafetyScreen.Status.URGENT_CARE);
        assertThat(o.flags()).containsExactly(RedFlag.BLADDER_BOWEL);
        assertThat(o.reasons().get(0)).contains("urgent care").contains("bladder");
    }

    @Test
    void aClinicianAnswerWaitsForAClearanceThatCoversIt() {
        Intake trauma = answering(Set.of(RedFlag.TRAUMA));
        assertThat(SafetyScreen.of(trauma, null).status()).isEqualTo(SafetyScreen.Status.SEE_CLINICIAN);
        assertThat(SafetyScreen.of(trauma, new Clearance(DAY, Set.of(RedFlag.TRAUMA))).status()).isEqualTo(SafetyScreen.Status.PRACTISE);
    }

    @Test
    void aNewClinicianAnswerAfterAClearanceNeedsANewOne() {
        SafetyScreen.Outcome o = SafetyScreen.of(answering(Set.of(RedFlag.TRAUMA, RedFlag.NIGHT_PAIN)),
                new Clearance(DAY, Set.of(RedFlag.TRAUMA)));
        assertThat(o.status()).isEqualTo(SafetyScreen.Status.SEE_CLINICIAN);
        assertThat(o.flags()).containsExactly(RedFlag.NIGHT_PAIN);
    }

    /** The screen's rule against its plain statement: practice only with no urgent answer and every other one cleared. */
    @Property
    void practiceIsOfferedExactlyWhenNothingStandsInTheWay(@ForAll Set<RedFlag> answered, @ForAll Set<RedFlag> cleared,
                                                           @ForAll boolean hasClearance) {
        Clearance clearance = hasClearance ? new Clearance(DAY, cleared) : null;
        SafetyScreen.Outcome o = SafetyScreen.of(answering(answered), clearance);
        boolean urgent = answered.stream().anyMatch(f -> f.advice == RedFlag.Advice.URGENT_CARE);
        Set<RedFlag> uncleared = EnumSet.noneOf(RedFlag.class);
        answered.stream().filter(f -> f.advice == RedFlag.Advice.SEE_CLINICIAN)
                .filter(f -> clearance == null || !clearance.cleared().contains(f)).forEach(uncleared::add);
        assertThat(o.practiseAllowed()).isEqualTo(!urgent && uncleared.isEmpty());
        assertThat(o.status()).isEqualTo(urgent ? SafetyScreen.Status.URGENT_CARE
                : !uncleared.isEmpty() ? SafetyScreen.Status.SEE_CLINICIAN : SafetyScreen.Status.PRACTISE);
        assertThat(o.reasons()).isNotEmpty();
    }
}
