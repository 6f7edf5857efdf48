package dev.sukha.insights.api;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;
import dev.sukha.stack.LocalStackResource;
import dev.sukha.stack.SharedStack;
import dev.sukha.stack.Topics;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

/**
 * Erasure by crypto-shredding, in insights: a person's sealed records stop opening, their figures
 * and settings go, a rebuild brings nothing back (sealed or, from before sealing, plain), others
 * keep theirs, and the person may start again as new.
 */
@QuarkusTest
@QuarkusTestResource(LocalStackResource.class)
class ErasureTest {

    private static final String ROUTINE = "upper-back-release";

    private static Events practice(String user, OffsetDateTime start, int sessions) {
        Events events = new Events(user);
        for (int i = 0; i < sessions; i++) {
            events.session(ROUTINE, 4, "UTC", start.minusDays(i), 20, 4, "SESSION_COMPLETED", Map.of("neck", 6), Map.of("neck", 3));
        }
        return events;
    }

    private static void awaitStreak(String token, int current) {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().auth().oauth2(token).queryParam("zone", "UTC")
                .get("/v1/me/streak").then().statusCode(200).body("current", equalTo(current)));
    }

    @Test
    void anErasedPersonIsGoneForGoodOthersKeepTheirFiguresAndTheyMayStartAgain() {
        String alice = "erase-alice-" + UUID.randomUUID();
        String bob = "erase-bob-" + UUID.randomUUID();
        String carol = "erase-carol-" + UUID.randomUUID();
        String aliceToken = SharedStack.token(alice);
        String bobToken = SharedStack.token(bob);
        String carolToken = SharedStack.token(carol);
        String operator = SharedStack.token("olga", "operator");
        OffsetDateTime start = OffsetDateTime.now(ZoneOffset.UTC).minusDays(1).withHour(9);
        try (KafkaCompanion kafka = new KafkaCompanion(SharedStack.get().bootstrapServers())) {
            practice(alice, start, 3).sendSealed(kafka);
            practice(bob, start, 2).sendSealed(kafka);
            practice(carol, start, 2).send(kafka); // plain: written before records were sealed
            awaitStreak(aliceToken, 3);
            awaitStreak(bobToken, 2);
            awaitStreak(carolToken, 2);
            given().auth().oauth2(aliceToken).contentType("application/json").body(Map.of("days", 4))
                    .put("/v1/me/goal").then().statusCode(200).body("goalDays", equalTo(4));
            String bobsRelief = given().auth().oauth2(bobToken).get("/v1/me/routines/relief").asString();
            given().auth().oauth2(carolToken).get("/v1/me/export").then().body("events", hasSize(12));
            given().auth().oauth2(bobToken).get("/v1/me/export").then().body("events", hasSize(12));
            List<Object> bobsEvents = given().auth().oauth2(bobToken).get("/v1/me/export").jsonPath().getList("events");

            given().auth().oauth2(aliceToken).delete("/v1/me").then().statusCode(202)
                    .body("erasureId", notNullValue()).body("erasedAt", notNullValue());
            // An operator erases on someone's behalf; anyone else is refused, whether or not the person exists.
            given().auth().oauth2(bobToken).delete("/v1/users/" + carol).then().statusCode(403)
                    .contentType("application/problem+json");
            given().auth().oauth2(operator).delete("/v1/users/" + carol).then().statusCode(202);
            given().auth().oauth2(operator).delete("/v1/users/never-" + UUID.randomUUID()).then().statusCode(202);

            for (String token : List.of(aliceToken, carolToken)) {
                assertNeverPractised(token);
            }
            given().auth().oauth2(bobToken).get("/v1/me/routines/relief").then().body(equalTo(bobsRelief));

            // The key is gone; the erasure is finished; session-service was told, without health data.
            try (MongoClient mongo = MongoClients.create(SharedStack.get().mongoConnectionString())) {
                Document key = mongo.getDatabase("sukha-keys").getCollection("person_keys").find(Filters.eq("_id", alice)).first();
                assertThat(key).isNotNull();
                assertThat(key.keySet()).containsExactlyInAnyOrder("_id", "erasedAt");
            }
            ConsumerTask<String, String> told = kafka.consumeStrings().fromTopics(Topics.PERSON_ERASURES,
                    r -> r.select().where(c -> alice.equals(c.key())));
            told.awaitRecords(1, Duration.ofSeconds(10));
            told.stop();
            assertThat(told.getRecords().get(0).value()).contains("\"userId\":\"" + alice + "\"").doesNotContain("pain", "neck");

            // Alice's records are still on the topic, sealed, and open for no one.
            ConsumerTask<String, String> raw = kafka.consumeStrings().fromTopics(Topics.PRACTICE_EVENTS,
                    r -> r.select().where(c -> alice.equals(c.key())));
            raw.awaitRecords(18, Duration.ofSeconds(20));
            raw.stop();
            assertThat(raw.getRecords()).extracting(ConsumerRecord::value)
                    .allSatisfy(v -> dev.sukha.platform.sealing.TestSealer.assertSealedWithout(v, "neck", "pain", "occurredAt"));

            // A rebuild replays everything: nothing of alice (sealed) or carol (plain) comes back; bob's figures are the same.
            given().auth().oauth2(operator).post("/v1/admin/rebuild").then().statusCode(202);
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().auth().oauth2(operator)
                    .get("/v1/admin/rebuild").then().body("state", equalTo("DONE")));
            for (String token : List.of(aliceToken, carolToken)) {
                assertNeverPractised(token);
            }
            given().auth().oauth2(bobToken).get("/v1/me/routines/relief").then().body(equalTo(bobsRelief));
            assertThat(given().auth().oauth2(bobToken).get("/v1/me/export").jsonPath().getList("events")).isEqualTo(bobsEvents);

            // Alice comes back: a new key, a new person.
            practice(alice, start, 1).sendSealed(kafka);
            awaitStreak(aliceToken, 1);
            given().auth().oauth2(aliceToken).get("/v1/me/export").then().body("events", hasSize(6));
        }
    }

    private static void assertNeverPractised(String token) {
        // Within the contract's 10 seconds.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            given().auth().oauth2(token).queryParam("zone", "UTC").get("/v1/me/streak").then().statusCode(200)
                    .body("current", equalTo(0)).body("longest", equalTo(0));
            given().auth().oauth2(token).get("/v1/me/export").then().statusCode(200).body("events", hasSize(0));
            given().auth().oauth2(token).get("/v1/me/routines/relief").then().statusCode(200);
        });
        given().auth().oauth2(token).get("/v1/me/streak").then().body("goalDays", equalTo(5)); // the default again
    }
}
