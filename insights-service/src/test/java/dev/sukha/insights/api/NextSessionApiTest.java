package dev.sukha.insights.api;

import dev.sukha.stack.LocalStackResource;
import dev.sukha.stack.SharedStack;
import dev.sukha.stack.Topics;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
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
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.nullValue;

/**
 * Today's session through the public API: a programme and its routines come from the catalogue's topics, an intake
 * starts the best match, sessions move the stage and the variants, the answer has an ETag, a safety answer that calls
 * for urgent care offers nothing, and another person's session for today is never readable.
 */
@QuarkusTest
@QuarkusTestResource(LocalStackResource.class)
class NextSessionApiTest {

    /** Unique per run: the catalogue's topics are shared by every test of this stack. */
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String NECK_ROUTINE = "t-neck-" + RUN;
    private static final String MAT_ROUTINE = "t-mat-" + RUN;
    private static final String PROGRAMME = "t-jaw-" + RUN;
    private static final String POSE = "side-stretch-" + RUN;

    private static KafkaCompanion kafka;

    @BeforeAll
    static void catalogue() {
        kafka = new KafkaCompanion(SharedStack.get().bootstrapServers());
        kafka.produceStrings().fromRecords(routine(NECK_ROUTINE, "chair", 5), routine(MAT_ROUTINE, "mat", 10),
                new ProducerRecord<>(Topics.PROGRAMMES, PROGRAMME, """
                        {"schemaVersion":1,"id":"%1$s","version":1,"title":"Jaw and neck","areas":["jaw","wrists"],"stages":[
                         {"stage":1,"title":"Settle","routines":["%2$s","%3$s"],"variants":{"%4$s":"GENTLER"}},
                         {"stage":2,"title":"Open","routines":["%2$s","%3$s"],"variants":{}}],
                         "publishedAt":"2026-11-01T10:00:00Z"}""".formatted(PROGRAMME, NECK_ROUTINE, MAT_ROUTINE, POSE)))
                .awaitCompletion();
    }

    @AfterAll
    static void close() {
        kafka.close();
    }

    private static ProducerRecord<String, String> routine(String id, String space, int minutes) {
        return new ProducerRecord<>(Topics.ROUTINES, id, """
                {"schemaVersion":1,"id":"%1$s","version":1,"title":"Routine %1$s","focus":["jaw"],"level":"gentle",
                 "space":["%2$s"],"minutes":%3$d,"safety":[],"steps":[{"pose":"%4$s","side":"left","hold":{"breaths":5}},
                 {"pose":"%4$s","side":"right","hold":{"breaths":5}}],"publishedAt":"2026-11-01T10:00:00Z",
                 "versions":[{"version":1,"stepCount":2}],"poses":[{"id":"%4$s","name":"Side stretch","areas":["neck"]}]}"""
                .formatted(id, space, minutes, POSE));
    }

    private static Map<String, Object> intake(List<String> spaces, int minutes, List<String> redFlags) {
        return Map.of("areas", List.of("jaw"), "pain", Map.of("jaw", 6), "duration", "UNDER_6_WEEKS", "spaces", spaces,
                "minutesPerDay", minutes, "daysPerWeek", 3, "redFlags", redFlags);
    }

    @Test
    void anIntakeStartsTheBestMatchAndGoodSessionsMoveItOn() {
        String user = "next-" + UUID.randomUUID();
        String token = SharedStack.token(user);
        given().auth().oauth2(token).get("/v1/me/next").then().statusCode(200).body("status", equalTo("NO_INTAKE"))
                .body("routine", nullValue());
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            given().auth().oauth2(token).contentType("application/json").body(intake(List.of("chair"), 5, List.of()))
                    .put("/v1/me/intake?zone=UTC").then().statusCode(200);
            given().auth().oauth2(token).get("/v1/me/next?zone=UTC").then().statusCode(200)
                    .body("status", equalTo("PRACTISE")).body("programme.id", equalTo(PROGRAMME));
        });
        // A chair and five minutes: the chair routine, its stretch on the gentler option on both sides.
        given().auth().oauth2(token).get("/v1/me/next?zone=UTC").then().statusCode(200)
                .body("programme.stage", equalTo(1)).body("programme.stages", equalTo(2))
                .body("routine.id", equalTo(NECK_ROUTINE)).body("routine.minutes", equalTo(5))
                .body("steps.variant", contains("GENTLER", "GENTLER")).body("steps.side", contains("left", "right"))
                .body("reasons[0]", containsString("first stage"));

        // Three good sessions on the gentler option: stage 2, and the stretch in full on each side.
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        new Events(user).feltSession(NECK_ROUTINE, POSE, now.plusSeconds(10), 2, 1)
                .feltSession(NECK_ROUTINE, POSE, now.plusSeconds(20), 3, 2)
                .feltSession(NECK_ROUTINE, POSE, now.plusSeconds(30), 1, 2).send(kafka);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().auth().oauth2(token).get("/v1/me/next?zone=UTC")
                .then().statusCode(200).body("programme.stage", equalTo(2)).body("programme.sessionsAtStage", equalTo(0))
                .body("steps.variant", contains("FULL", "FULL"))
                .body("reasons", hasItem(containsString("Moved up to stage 2"))));

        // Conditional: the same answer is a 304.
        String etag = given().auth().oauth2(token).get("/v1/me/next?zone=UTC").then().statusCode(200).extract().header("ETag");
        given().auth().oauth2(token).header("If-None-Match", etag).get("/v1/me/next?zone=UTC").then().statusCode(304);

        // Leaving the programme: practice is free; following it again starts it over.
        given().auth().oauth2(token).delete("/v1/me/programme").then().statusCode(204);
        given().auth().oauth2(token).get("/v1/me/next?zone=UTC").then().statusCode(200).body("programme", nullValue())
                .body("status", equalTo("PRACTISE"));
        given().auth().oauth2(token).contentType("application/json").body(Map.of("programmeId", PROGRAMME))
                .put("/v1/me/programme").then().statusCode(200).body("startStage", equalTo(1));
        given().auth().oauth2(token).contentType("application/json").body(Map.of("programmeId", "no-such-" + RUN))
                .put("/v1/me/programme").then().statusCode(422).body("errors.field", contains("programmeId"));
        given().auth().oauth2(token).get("/v1/me/export").then().statusCode(200).body("intake.areas", contains("jaw"));
    }

    /** A session of the chair routine posted through the topic, with pain before and after on the jaw. */
    private static Events rated(Events events, OffsetDateTime start, int before, int after) {
        return events.session(NECK_ROUTINE, 2, "UTC", start, 5, 2, "SESSION_COMPLETED", Map.of("jaw", before), Map.of("jaw", after));
    }

    @Test
    void twoSessionsWorseByTwoStepBackAndAGentlerSideOutgrownAloneGoesFull() {
        String user = "next-back-" + UUID.randomUUID();
        String token = SharedStack.token(user);
        given().auth().oauth2(token).contentType("application/json").body(intake(List.of("chair"), 5, List.of()))
                .put("/v1/me/intake?zone=UTC").then().statusCode(200);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            given().auth().oauth2(token).contentType("application/json").body(Map.of("programmeId", PROGRAMME))
                    .put("/v1/me/programme?zone=UTC").then().statusCode(200);
            given().auth().oauth2(token).get("/v1/me/next?zone=UTC").then().body("programme.id", equalTo(PROGRAMME));
        });
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        // Three good sessions, the left side easy on its gentler option, the right one not: stage 2, left in full only.
        new Events(user).feltSession(NECK_ROUTINE, POSE, now.plusSeconds(10), 2, 5)
                .feltSession(NECK_ROUTINE, POSE, now.plusSeconds(20), 3, 5)
                .feltSession(NECK_ROUTINE, POSE, now.plusSeconds(30), 1, 4).send(kafka);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().auth().oauth2(token).get("/v1/me/next?zone=UTC")
                .then().statusCode(200).body("programme.stage", equalTo(2)));
        // Stage 2 starts every pose in full; the first stage started it gentler: at stage 2 both are full, so check the
        // side rule where it shows — the right side rated 7 comes back gentler, the left stays full.
        new Events(user).feltSession(NECK_ROUTINE, POSE, now.plusSeconds(40), 2, 7).send(kafka);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().auth().oauth2(token).get("/v1/me/next?zone=UTC")
                .then().statusCode(200).body("steps.variant", contains("FULL", "GENTLER"))
                .body("reasons", hasItem(containsString("(right): you rated it 7 or more"))));
        // Two sessions in a row with pain after at least 2 above before: one stage back.
        rated(rated(new Events(user), now.plusSeconds(50), 3, 5), now.plusSeconds(60), 2, 6).send(kafka);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().auth().oauth2(token).get("/v1/me/next?zone=UTC")
                .then().log().ifValidationFails().statusCode(200).body("programme.stage", equalTo(1))
                .body("reasons[0]", containsString("Stepped back to stage 1"))
                // Back at the first stage, which starts the stretch gentler: the left side, outgrown, in full; the right not.
                .body("steps.variant", contains("FULL", "GENTLER"))
                .body("reasons", hasItem(containsString("(left): you have done its gentler option 3 times"))));
    }

    @Test
    void anUrgentAnswerOffersNoPracticeAndNoOneElseReadsIt() {
        String user = "next-urgent-" + UUID.randomUUID();
        String token = SharedStack.token(user);
        given().auth().oauth2(token).contentType("application/json").body(intake(List.of("mat"), 10, List.of("BLADDER_BOWEL")))
                .put("/v1/me/intake").then().statusCode(200).body("safety.status", equalTo("URGENT_CARE"));
        given().auth().oauth2(token).get("/v1/me/next").then().statusCode(200).body("status", equalTo("URGENT_CARE"))
                .body("routine", nullValue()).body("steps", empty()).body("reasons[0]", containsString("urgent care"));

        String other = SharedStack.token("next-other-" + UUID.randomUUID());
        given().auth().oauth2(other).get("/v1/users/" + user + "/next").then().statusCode(403);
        given().get("/v1/me/next").then().statusCode(401);
    }
}
