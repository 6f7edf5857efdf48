package dev.sukha.insights.api;

import dev.sukha.stack.LocalStackResource;
import dev.sukha.stack.SharedStack;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/**
 * Who looked: an operator's reads of a person's week, export and report are on that person's access log
 * (who, which route, when), nothing is on the log of someone nobody looked at, a refused look leaves no
 * record, nobody but an operator reads another's log, paging is checked, and an erasure leaves only its date.
 */
@QuarkusTest
@QuarkusTestResource(LocalStackResource.class)
class AccessLogTest {

    private static final String ROUTINE = "upper-back-release";

    @Test
    void anOperatorsReadsAreOnThePersonsLogAndNoOneElses() {
        String ana = "looked-ana-" + UUID.randomUUID();
        String ben = "looked-ben-" + UUID.randomUUID();
        String olga = "olga-" + UUID.randomUUID();
        String anaToken = SharedStack.token(ana);
        String benToken = SharedStack.token(ben);
        String operator = SharedStack.token(olga, "operator");
        OffsetDateTime start = OffsetDateTime.now(ZoneOffset.UTC).minusDays(2).withHour(9);
        try (KafkaCompanion kafka = new KafkaCompanion(SharedStack.get().bootstrapServers())) {
            for (String who : List.of(ana, ben)) {
                new Events(who).session(ROUTINE, 4, "UTC", start, 20, 4, "SESSION_COMPLETED", Map.of("neck", 6), Map.of("neck", 3))
                        .sendSealed(kafka);
            }
        }
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().auth().oauth2(anaToken).get("/v1/me/export")
                .then().body("events", hasSize(6)));
        given().auth().oauth2(anaToken).get("/v1/me/access-log").then().statusCode(200).body("entries", empty())
                .body("next", nullValue());

        // Refused looks leave nothing: ben is no operator.
        given().auth().oauth2(benToken).get("/v1/users/" + ana + "/progress/weekly").then().statusCode(403);
        given().auth().oauth2(benToken).get("/v1/users/" + ana + "/access-log").then().statusCode(404)
                .contentType("application/problem+json");

        given().auth().oauth2(operator).get("/v1/users/" + ana + "/progress/weekly").then().statusCode(200);
        given().auth().oauth2(operator).get("/v1/users/" + ana + "/export").then().statusCode(200).body("events", hasSize(6));
        given().auth().oauth2(operator).accept("application/fhir+json").get("/v1/users/" + ana + "/report").then().statusCode(200)
                .body("resourceType", equalTo("Bundle"));

        given().auth().oauth2(anaToken).get("/v1/me/access-log").then().statusCode(200)
                .body("entries.route", contains("GET /v1/users/{userId}/report", "GET /v1/users/{userId}/export",
                        "GET /v1/users/{userId}/progress/weekly"))
                .body("entries.operator", everyItem(equalTo(olga)))
                .body("entries.at", everyItem(notNullValue()))
                .body("entries.route", everyItem(not(org.hamcrest.Matchers.containsString(ana))));
        given().auth().oauth2(benToken).get("/v1/me/access-log").then().statusCode(200).body("entries", empty());

        // A page at a time, newest first.
        String next = given().auth().oauth2(anaToken).queryParam("limit", 2).get("/v1/me/access-log").then().statusCode(200)
                .body("entries", hasSize(2)).body("next", notNullValue()).extract().path("next");
        given().auth().oauth2(anaToken).queryParam("limit", 2).queryParam("before", next).get("/v1/me/access-log").then()
                .statusCode(200).body("entries.route", contains("GET /v1/users/{userId}/progress/weekly")).body("next", nullValue());
        for (Map<String, String> bad : List.of(Map.of("limit", "0"), Map.of("limit", "101"), Map.of("limit", "ten"),
                Map.of("before", "yesterday"))) {
            given().auth().oauth2(anaToken).queryParams(bad).get("/v1/me/access-log").then().statusCode(422)
                    .contentType("application/problem+json").body("errors[0].field", equalTo(bad.keySet().iterator().next()));
        }

        // The operator's view of the log is a look of its own; an erasure leaves its date alone.
        given().auth().oauth2(operator).get("/v1/users/" + ana + "/access-log").then().statusCode(200)
                .body("entries", hasSize(4)).body("entries[0].route", equalTo("GET /v1/users/{userId}/access-log"));
        given().auth().oauth2(operator).delete("/v1/users/" + ana).then().statusCode(202);
        given().auth().oauth2(anaToken).get("/v1/me/access-log").then().statusCode(200).body("entries", empty());
        given().auth().oauth2(operator).get("/v1/users/" + ana + "/access-log").then().statusCode(200)
                .body("entries.route", contains("GET /v1/users/{userId}/access-log", "erasure"))
                .body("entries[1].operator", nullValue());
    }

    @Test
    void aLookRecordedByAnotherServiceIsKeptOnceInThePersonsLog() {
        String cleo = "looked-cleo-" + UUID.randomUUID();
        String record = Contracts.validAccessRecord("""
                {"schemaVersion":1,"recordId":"%s","userId":"%s","operator":"olga","route":"GET /v1/sessions/{id}",
                 "at":"2026-12-01T10:00:00Z","traceId":"0af7651916cd43dd8448eb211c80319c"}""".formatted(UUID.randomUUID(), cleo));
        try (KafkaCompanion kafka = new KafkaCompanion(SharedStack.get().bootstrapServers())) {
            for (int i = 0; i < 2; i++) {
                kafka.produceStrings().fromRecords(new org.apache.kafka.clients.producer.ProducerRecord<>(
                        dev.sukha.stack.Topics.ACCESS_RECORDS, cleo, record)).awaitCompletion();
            }
        }
        String operator = SharedStack.token("olga", "operator");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().auth().oauth2(operator)
                .get("/v1/users/" + cleo + "/access-log").then().statusCode(200)
                .body("entries.route", contains("GET /v1/users/{userId}/access-log", "GET /v1/sessions/{id}"))
                .body("entries[1].traceId", equalTo("0af7651916cd43dd8448eb211c80319c")));
    }
}
