package dev.sukha.insights.api;

import dev.sukha.insights.store.ProjectionIds;
import dev.sukha.insights.store.Store;
import dev.sukha.stack.LocalStackResource;
import dev.sukha.stack.SharedStack;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.nullValue;

/**
 * The intake and its safety screen through the API: kept and read back with what the screen makes of it, its days a
 * week the weekly goal, a bad field a 422 naming it with nothing kept, urgent answers never lifted, a clinician's
 * clearance opening practice, the person's alone (operators read it on the record), exported and sealed in the store.
 */
@QuarkusTest
@QuarkusTestResource(LocalStackResource.class)
class IntakeApiTest {

    private static final String ZONE = "Europe/Paris";

    @Inject
    Store store;

    private static Map<String, Object> intake(List<String> redFlags) {
        return Map.of("areas", List.of("upper_back", "neck"), "pain", Map.of("upper_back", 6, "neck", 3), "duration", "WEEKS_6_TO_12",
                "spaces", List.of("mat", "chair"), "minutesPerDay", 10, "daysPerWeek", 3, "redFlags", redFlags);
    }

    @Test
    void anIntakeIsKeptReadBackAndSetsTheWeeklyGoal() {
        String token = SharedStack.token("intake-" + UUID.randomUUID());
        given().auth().oauth2(token).get("/v1/me/intake").then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(token).queryParam("zone", ZONE).contentType("application/json").body(intake(List.of()))
                .put("/v1/me/intake").then().statusCode(200)
                .body("areas", contains("neck", "upper_back")).body("pain.upper_back", equalTo(6))
                .body("safety.status", equalTo("PRACTISE"));
        given().auth().oauth2(token).get("/v1/me/intake").then().statusCode(200)
                .body("duration", equalTo("WEEKS_6_TO_12")).body("spaces", contains("chair", "mat"))
                .body("minutesPerDay", equalTo(10)).body("daysPerWeek", equalTo(3))
                .body("takenOn", equalTo(LocalDate.now(ZoneId.of(ZONE)).toString())).body("clearance", nullValue());
        given().auth().oauth2(token).queryParam("zone", ZONE).get("/v1/me/streak").then().statusCode(200).body("goalDays", equalTo(3));
    }

    @Test
    void aBadIntakeIsRefusedByFieldAndNothingIsKept() {
        String token = SharedStack.token("intake-bad-" + UUID.randomUUID());
        Map<String, Object> bad = Map.of("areas", List.of("upper_back", "elbow"), "pain", Map.of("upper_back", 11),
                "duration", "WEEKS_6_TO_12", "spaces", List.of("mat"), "minutesPerDay", 10, "daysPerWeek", 3, "redFlags", List.of());
        given().auth().oauth2(token).contentType("application/json").body(bad).put("/v1/me/intake").then().statusCode(422)
                .contentType("application/problem+json").body("errors.field", hasItems("areas[1]", "pain.upper_back"));
        given().auth().oauth2(token).contentType("application/json")
                .body(Map.of("areas", List.of(), "pain", Map.of(), "duration", "UNDER_6_WEEKS", "spaces", List.of("bed"),
                        "minutesPerDay", 5, "daysPerWeek", 2, "redFlags", List.of()))
                .put("/v1/me/intake").then().statusCode(422).body("errors.field", contains("areas"));
        given().auth().oauth2(token).get("/v1/me/intake").then().statusCode(404);
    }

    @Test
    void anUrgentAnswerIsNeverClearedAndAClinicianAnswerIs() {
        String token = SharedStack.token("intake-flags-" + UUID.randomUUID());
        given().auth().oauth2(token).contentType("application/json").body(intake(List.of("CHEST_PAIN"))).put("/v1/me/intake")
                .then().statusCode(200).body("safety.status", equalTo("URGENT_CARE")).body("safety.flags", contains("CHEST_PAIN"));
        given().auth().oauth2(token).contentType("application/json").body(Map.of("clearedOn", LocalDate.now().minusDays(1).toString()))
                .post("/v1/me/intake/clearance").then().statusCode(409).contentType("application/problem+json");

        given().auth().oauth2(token).contentType("application/json").body(intake(List.of("TRAUMA"))).put("/v1/me/intake")
                .then().statusCode(200).body("safety.status", equalTo("SEE_CLINICIAN"));
        given().auth().oauth2(token).contentType("application/json").body(Map.of("clearedOn", "2999-01-01"))
                .post("/v1/me/intake/clearance").then().statusCode(422).body("errors.field", contains("clearedOn"));
        String yesterday = LocalDate.now(ZoneId.of("UTC")).minusDays(1).toString();
        given().auth().oauth2(token).contentType("application/json").body(Map.of("clearedOn", yesterday))
                .post("/v1/me/intake/clearance").then().statusCode(200).body("safety.status", equalTo("PRACTISE"))
                .body("clearance.clearedOn", equalTo(yesterday)).body("clearance.cleared", contains("TRAUMA"));
        // Redoing the intake with the same answer keeps the clearance; a new answer needs a new one.
        given().auth().oauth2(token).contentType("application/json").body(intake(List.of("TRAUMA"))).put("/v1/me/intake")
                .then().statusCode(200).body("safety.status", equalTo("PRACTISE"));
        given().auth().oauth2(token).contentType("application/json").body(intake(List.of("TRAUMA", "NIGHT_PAIN"))).put("/v1/me/intake")
                .then().statusCode(200).body("safety.status", equalTo("SEE_CLINICIAN")).body("safety.flags", contains("NIGHT_PAIN"));
    }

    @Test
    void theIntakeIsThePersonsDataAlone() {
        String user = "intake-own-" + UUID.randomUUID();
        String token = SharedStack.token(user);
        String other = SharedStack.token("intake-other-" + UUID.randomUUID());
        String operator = SharedStack.token("olga-" + UUID.randomUUID(), "operator");
        given().auth().oauth2(token).contentType("application/json").body(intake(List.of("NIGHT_PAIN"))).put("/v1/me/intake")
                .then().statusCode(200);

        given().auth().oauth2(other).get("/v1/users/" + user + "/intake").then().statusCode(403);
        given().auth().oauth2(other).get("/v1/me/intake").then().statusCode(404);
        given().auth().oauth2(operator).get("/v1/users/" + user + "/intake").then().statusCode(200)
                .body("redFlags", contains("NIGHT_PAIN"));
        given().auth().oauth2(token).get("/v1/me/access-log").then().statusCode(200)
                .body("entries.route", hasItem("GET /v1/users/{userId}/intake"));

        given().auth().oauth2(token).get("/v1/me/export").then().statusCode(200)
                .body("intake.areas", contains("neck", "upper_back")).body("intake.redFlags", contains("NIGHT_PAIN"));
        given().auth().oauth2(token).accept("application/fhir+json").get("/v1/me/report").then().statusCode(200)
                .body("entry.resource.resourceType", hasItem("QuestionnaireResponse"));

        // Sealed in the store: the settings document names none of the answers.
        Document settings = store.projection().find(new Document("_id", ProjectionIds.settings(user))).first();
        assertThat(settings).isNotNull();
        assertThat(settings.toJson()).doesNotContain("upper_back").doesNotContain("NIGHT_PAIN").doesNotContain("WEEKS_6_TO_12");
        assertThat(settings.getString("intake")).isNotBlank();
    }

    @Test
    void anIntakeIsReadOnlyWithAToken() {
        given().get("/v1/me/intake").then().statusCode(401);
        given().contentType("application/json").body(intake(List.of())).put("/v1/me/intake").then().statusCode(401);
        given().auth().oauth2(SharedStack.token("intake-empty-" + UUID.randomUUID())).contentType("application/json")
                .put("/v1/me/intake").then().statusCode(400).body("detail", containsString("areas"));
    }
}
