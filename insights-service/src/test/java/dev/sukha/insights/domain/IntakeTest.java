package dev.sukha.insights.domain;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class IntakeTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 12, 6);

    private static Intake.Form form(List<String> areas, Map<String, Integer> pain) {
        return new Intake.Form(areas, pain, "WEEKS_6_TO_12", List.of("mat", "chair"), 10, 4, List.of());
    }

    private static List<String> fields(Intake.Checked checked) {
        return checked.errors().stream().map(Intake.Error::field).toList();
    }

    @Test
    void aCompleteFormIsTheIntakeItSays() {
        Intake.Checked c = Intake.check(new Intake.Form(List.of("upper_back", "neck"), Map.of("upper_back", 5, "neck", 0),
                "OVER_12_WEEKS", List.of("chair"), 15, 3, List.of("TRAUMA")), TODAY);
        assertThat(c.errors()).isEmpty();
        assertThat(c.intake().areas()).containsExactlyInAnyOrder(BodyArea.UPPER_BACK, BodyArea.NECK);
        assertThat(c.intake().pain()).containsEntry(BodyArea.UPPER_BACK, 5).containsEntry(BodyArea.NECK, 0);
        assertThat(c.intake().duration()).isEqualTo(Intake.Duration.OVER_12_WEEKS);
        assertThat(c.intake().spaces()).containsExactly(Space.CHAIR);
        assertThat(c.intake().minutesPerDay()).isEqualTo(15);
        assertThat(c.intake().daysPerWeek()).isEqualTo(3);
        assertThat(c.intake().redFlags()).containsExactly(RedFlag.TRAUMA);
        assertThat(c.intake().takenOn()).isEqualTo(TODAY);
    }

    @Test
    void anUnknownAreaIsNamedByItsPlace() {
        assertThat(fields(Intake.check(form(List.of("neck", "elbow"), Map.of("neck", 3)), TODAY))).containsExactly("areas[1]");
    }

    @Test
    void painAboveTenOrBelowZeroIsRefused() {
        assertThat(fields(Intake.check(form(List.of("neck"), Map.of("neck", 11)), TODAY))).containsExactly("pain.neck");
        assertThat(fields(Intake.check(form(List.of("neck"), Map.of("neck", -1)), TODAY))).containsExactly("pain.neck");
    }

    @Test
    void noAreasIsRefused() {
        assertThat(fields(Intake.check(form(List.of(), Map.of()), TODAY))).containsExactly("areas");
        assertThat(fields(Intake.check(form(null, null), TODAY))).containsExactly("areas");
    }

    @Test
    void everyAreaNamedIsRatedAndOnlyThose() {
        assertThat(fields(Intake.check(form(List.of("neck", "shoulders"), Map.of("neck", 3, "knees", 2)), TODAY)))
                .containsExactlyInAnyOrder("pain.knees", "pain.shoulders");
    }

    @Test
    void everyWrongFieldIsReportedAtOnce() {
        Intake.Checked c = Intake.check(new Intake.Form(List.of("neck"), Map.of("neck", 2), "FOREVER", List.of("pool"), 7, 0,
                Arrays.asList("CHEST_PAIN", "HEADACHE")), TODAY);
        assertThat(c.intake()).isNull();
        assertThat(fields(c)).containsExactlyInAnyOrder("duration", "spaces[0]", "minutesPerDay", "daysPerWeek", "redFlags[1]");
    }

    @Test
    void theSafetyAnswersMustBeSentEvenWhenNone() {
        Intake.Form noAnswers = new Intake.Form(List.of("neck"), Map.of("neck", 2), "UNDER_6_WEEKS", List.of("bed"), 5, 7, null);
        assertThat(fields(Intake.check(noAnswers, TODAY))).containsExactly("redFlags");
    }
}
