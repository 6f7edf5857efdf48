package dev.sukha.system;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import ca.uhn.fhir.validation.ValidationResult;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sukha.stack.SharedStack;
import io.restassured.http.ContentType;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A person's own data through the three packaged services: the export gives back every event
 * as posted (posting them again is a duplicate for each), its CSV reads back as the sessions,
 * and the clinician report is an HL7 FHIR R4 Bundle that HAPI FHIR's validator accepts.
 */
class PersonalDataIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static RunningSystem system;
    private static String token;
    private static String user;
    private static LocalDate first;

    @BeforeAll
    static void practise() {
        system = RunningSystem.get();
        user = "mine-" + UUID.randomUUID().toString().substring(0, 8);
        token = SharedStack.token(user);
        OffsetDateTime base = OffsetDateTime.now(ZoneOffset.ofHours(1)).minusDays(3).truncatedTo(ChronoUnit.MINUTES)
                .withHour(7).withMinute(30);
        first = base.toLocalDate();
        List<Map<String, Object>> events = new ArrayList<>();
        // Day one: the version left out (it resolves to the latest), rated poses, a skip for pain, completed.
        String one = UUID.randomUUID().toString();
        events.add(event("SESSION_STARTED", one, base, Map.of("routineId", "upper-back-release", "zone", "Europe/Paris",
                "pain", Map.of("upper_back", 6, "neck", 4))));
        events.add(event("POSE_COMPLETED", one, base.plusMinutes(2), Map.of("step", 0, "discomfort", 2)));
        events.add(event("POSE_SKIPPED", one, base.plusMinutes(3), Map.of("step", 1, "reason", "pain")));
        events.add(event("SESSION_COMPLETED", one, base.plusMinutes(14), Map.of("pain", Map.of("upper_back", 3, "neck", 2))));
        // Day two: the version given, abandoned; an offset other than the zone's, kept as sent.
        String two = UUID.randomUUID().toString();
        OffsetDateTime later = base.plusDays(1).withOffsetSameInstant(ZoneOffset.ofHoursMinutes(5, 30));
        events.add(event("SESSION_STARTED", two, later, Map.of("routineId", "neck-and-jaw", "routineVersion", 1,
                "zone", "Asia/Kolkata", "pain", Map.of("jaw", 5))));
        events.add(event("SESSION_ABANDONED", two, later.plusMinutes(4), Map.of("pain", Map.of("jaw", 5))));
        given().baseUri(system.sessions.url()).auth().oauth2(token).contentType(ContentType.JSON).body(events)
                .when().post("/v1/events").then().statusCode(202);
        await().atMost(Duration.ofSeconds(20)).until(() -> given().baseUri(system.insights.url()).auth().oauth2(token)
                .get("/v1/me/export").then().extract().jsonPath().getList("events").size() == events.size());
        // The intake, with an answer a clinician has cleared: in the export and the report too.
        given().baseUri(system.insights.url()).auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("areas", List.of("upper_back", "jaw"), "pain", Map.of("upper_back", 6, "jaw", 5), "duration", "OVER_12_WEEKS",
                        "spaces", List.of("mat"), "minutesPerDay", 10, "daysPerWeek", 4, "redFlags", List.of("TRAUMA")))
                .put("/v1/me/intake").then().statusCode(200);
        given().baseUri(system.insights.url()).auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("clearedOn", LocalDate.now(ZoneOffset.UTC).minusDays(1).toString()))
                .post("/v1/me/intake/clearance").then().statusCode(200);
    }

    private static Map<String, Object> event(String type, String session, OffsetDateTime at, Map<String, Object> fields) {
        Map<String, Object> e = new java.util.LinkedHashMap<>();
        e.put("eventId", UUID.randomUUID().toString());
        e.put("type", type);
        e.put("sessionId", session);
        e.put("occurredAt", at.format(java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        e.putAll(fields);
        return e;
    }

    @Test
    void theExportGivesBackEveryEventAsPostedAndPostingItAgainIsADuplicateForEach() throws Exception {
        JsonNode export = JSON.readTree(given().baseUri(system.insights.url()).auth().oauth2(token)
                .accept(ContentType.JSON).get("/v1/me/export").then().statusCode(200).extract().asString());
        assertThat(export.path("userId").asText()).isEqualTo(user);
        JsonNode events = export.path("events");
        assertThat(events).hasSize(6);
        assertThat(events.get(0).path("type").asText()).isEqualTo("SESSION_STARTED");
        assertThat(events.get(0).path("routineVersion").isInt()).as("the version the start resolved to").isTrue();
        assertThat(events.get(2).path("reason").asText()).isEqualTo("pain");
        assertThat(events.get(1).path("discomfort").asInt()).isEqualTo(2);
        assertThat(events.get(4).path("occurredAt").asText()).endsWith("+05:30");
        // The intake's days a week are the goal from its week on; the intake and its clearance are the person's too.
        assertThat(export.path("goals")).hasSize(1);
        assertThat(export.path("goals").get(0).path("days").asInt()).isEqualTo(4);
        assertThat(export.path("intake").path("redFlags").get(0).asText()).isEqualTo("TRAUMA");
        assertThat(export.path("clearance").path("cleared").get(0).asText()).isEqualTo("TRAUMA");

        String results = given().baseUri(system.sessions.url()).auth().oauth2(token).contentType(ContentType.JSON)
                .body(JSON.writeValueAsString(events)).when().post("/v1/events").then().statusCode(202).extract().asString();
        List<String> statuses = new ArrayList<>();
        JSON.readTree(results).path("results").forEach(r -> statuses.add(r.path("status").asText()));
        assertThat(statuses).hasSize(6).containsOnly("DUPLICATE");
    }

    @Test
    void theCsvHasOneRowPerSessionThatReadsBack() {
        String csv = given().baseUri(system.insights.url()).auth().oauth2(token).accept("text/csv")
                .get("/v1/me/export").then().statusCode(200).contentType("text/csv").extract().asString();
        List<String[]> rows = new ArrayList<>();
        for (String line : csv.split("\r\n")) {
            rows.add(line.split(",", -1));
        }
        String[] header = rows.get(0);
        assertThat(rows).hasSize(3);
        Map<String, String> day1 = row(header, rows.get(1));
        assertThat(day1).containsEntry("date", first.toString()).containsEntry("routine", "upper-back-release")
                .containsEntry("minutes", "14").containsEntry("poses_completed", "1").containsEntry("poses_skipped", "1")
                .containsEntry("end", "completed").containsEntry("before_upper_back", "6").containsEntry("after_upper_back", "3")
                .containsEntry("before_neck", "4").containsEntry("after_neck", "2").containsEntry("before_jaw", "");
        Map<String, String> day2 = row(header, rows.get(2));
        assertThat(day2).containsEntry("routine", "neck-and-jaw").containsEntry("end", "abandoned")
                .containsEntry("minutes", "4").containsEntry("before_jaw", "5").containsEntry("after_jaw", "5");
    }

    private static Map<String, String> row(String[] header, String[] values) {
        assertThat(values).hasSameSizeAs(header);
        Map<String, String> row = new java.util.HashMap<>();
        for (int i = 0; i < header.length; i++) {
            row.put(header[i], values[i]);
        }
        return row;
    }

    @Test
    void theClinicianReportIsAFhirR4BundleTheValidatorAccepts() throws Exception {
        String bundle = given().baseUri(system.insights.url()).auth().oauth2(token).accept("application/fhir+json")
                .queryParam("from", first.minusDays(1).toString()).queryParam("to", first.plusDays(2).toString())
                .get("/v1/me/report").then().statusCode(200).contentType("application/fhir+json").extract().asString();

        FhirContext fhir = FhirContext.forR4();
        ValidationSupportChain support = new ValidationSupportChain(fhir.getValidationSupport(),
                new InMemoryTerminologyServerValidationSupport(fhir), new CommonCodeSystemsTerminologyService(fhir));
        FhirInstanceValidator instance = new FhirInstanceValidator(support);
        FhirValidator validator = fhir.newValidator().registerValidatorModule(instance);
        ValidationResult result = validator.validateWithResult(bundle);
        List<String> errors = result.getMessages().stream()
                .filter(m -> m.getSeverity() == ResultSeverityEnum.ERROR || m.getSeverity() == ResultSeverityEnum.FATAL)
                .map(SingleValidationMessage::toString).toList();
        assertThat(errors).as("FHIR validation errors").isEmpty();
        // A broken one is refused: the validator is really looking.
        String broken = bundle.replace("\"valueInteger\":6", "\"valueInteger\":\"six\"");
        assertThat(validator.validateWithResult(broken).isSuccessful()).isFalse();

        JsonNode b = JSON.readTree(bundle);
        assertThat(b.path("resourceType").asText()).isEqualTo("Bundle");
        assertThat(b.path("type").asText()).isEqualTo("collection");
        List<JsonNode> resources = new ArrayList<>();
        b.path("entry").forEach(e -> resources.add(e.path("resource")));
        assertThat(resources.stream().filter(r -> r.path("resourceType").asText().equals("Patient")))
                .singleElement().satisfies(p -> {
                    assertThat(p.path("identifier").get(0).path("value").asText()).isEqualTo(user);
                    assertThat(p.has("name")).isFalse();
                });
        List<JsonNode> pain = resources.stream().filter(r -> r.path("code").path("coding").get(0) != null
                && r.path("code").path("coding").get(0).path("code").asText().equals("72514-3")).toList();
        // Day one: upper back and neck before and after (4); day two: jaw before and after (2).
        assertThat(pain).hasSize(6);
        assertThat(pain).anySatisfy(o -> {
            assertThat(o.path("valueInteger").asInt()).isEqualTo(6);
            assertThat(o.path("bodySite").path("coding").get(0).path("system").asText()).isEqualTo("http://snomed.info/sct");
            assertThat(o.path("bodySite").path("text").asText()).isEqualTo("upper back");
        });
        // The intake as a QuestionnaireResponse: every safety question answered, the clearance recorded.
        assertThat(resources.stream().filter(r -> r.path("resourceType").asText().equals("QuestionnaireResponse")))
                .singleElement().satisfies(q -> {
                    assertThat(q.path("status").asText()).isEqualTo("completed");
                    List<String> links = new ArrayList<>();
                    q.path("item").forEach(i -> links.add(i.path("linkId").asText()));
                    assertThat(links).contains("areas", "pain.upper_back", "pain.jaw", "duration", "redFlag.TRAUMA",
                            "redFlag.CHEST_PAIN", "clearedOn");
                    q.path("item").forEach(i -> {
                        if (i.path("linkId").asText().equals("redFlag.TRAUMA")) {
                            assertThat(i.path("answer").get(0).path("valueBoolean").asBoolean()).isTrue();
                        }
                    });
                });
        List<JsonNode> durations = resources.stream().filter(r -> r.path("code").path("coding").get(0) != null
                && r.path("code").path("coding").get(0).path("code").asText().equals("55411-3")).toList();
        assertThat(durations).extracting(d -> d.path("valueQuantity").path("value").asInt()).containsExactlyInAnyOrder(14, 4);
        assertThat(durations).allSatisfy(d -> assertThat(d.path("valueQuantity").path("code").asText()).isEqualTo("min"));

        // Outside the period: nothing but the patient and their intake (the answers as they are now). A reversed
        // period is a 400 problem.
        String empty = given().baseUri(system.insights.url()).auth().oauth2(token)
                .queryParam("from", first.minusDays(30).toString()).queryParam("to", first.minusDays(20).toString())
                .get("/v1/me/report").then().statusCode(200).extract().asString();
        assertThat(JSON.readTree(empty).path("entry")).extracting(e -> e.path("resource").path("resourceType").asText())
                .containsExactly("Patient", "QuestionnaireResponse");
        given().baseUri(system.insights.url()).auth().oauth2(token).queryParam("from", "2026-12-01").queryParam("to", "2026-11-01")
                .get("/v1/me/report").then().statusCode(400).contentType("application/problem+json");
    }
}
