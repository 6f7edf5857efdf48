package dev.sukha.session.api;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import dev.sukha.session.keys.PersonKeys;
import dev.sukha.session.store.RoutineViewStore;
import dev.sukha.session.store.Store;
import dev.sukha.stack.LocalStackResource;
import dev.sukha.stack.SharedStack;
import dev.sukha.stack.Topics;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import static dev.sukha.session.api.Fixtures.ROUTINE;
import static dev.sukha.session.api.Fixtures.minutesAgo;
import static dev.sukha.session.api.Fixtures.pose;
import static dev.sukha.session.api.Fixtures.start;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

/** session-service's part of an erasure: no post while it is under way, a new key after it, nothing kept of the person. */
@QuarkusTest
@QuarkusTestResource(LocalStackResource.class)
class ErasureTest {

    private static KafkaCompanion kafka;
    private static MongoClient mongo;

    @Inject
    RoutineViewStore view;

    private String user;
    private String token;

    @BeforeAll
    static void connect() {
        kafka = new KafkaCompanion(SharedStack.get().bootstrapServers());
        mongo = MongoClients.create(SharedStack.get().mongoConnectionString());
    }

    @AfterAll
    static void close() {
        kafka.close();
        mongo.close();
    }

    @BeforeEach
    void routineAndUser() {
        if (view.find(ROUTINE).map(r -> r.latest() >= 2).orElse(false) == Boolean.FALSE) {
            Fixtures.announceRoutine(kafka, ROUTINE, 2, 4);
            await().atMost(Duration.ofSeconds(30)).until(() -> view.find(ROUTINE).map(r -> r.latest() == 2).orElse(false));
        }
        user = "user-" + UUID.randomUUID();
        token = SharedStack.token(user);
    }

    private static MongoCollection<Document> keys() {
        return mongo.getDatabase("sukha-keys").getCollection(PersonKeys.COLLECTION);
    }

    private Response post(Object body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body).when().post("/v1/events");
    }

    @Test
    void aPersonsFirstPostCreatesTheirKeyWrappedNeverInTheClear() {
        post(List.of(start(UUID.randomUUID(), ROUTINE, null, "Europe/Paris", minutesAgo(5)))).then().statusCode(202);
        Document key = keys().find(Filters.eq("_id", user)).first();
        assertThat(key).isNotNull();
        assertThat(key.getString("keyId")).isNotBlank();
        assertThat(key.getString("key")).startsWith("local-1:");
        // 12-byte nonce + 32-byte key + 16-byte tag, base64: the raw key (44 characters of base64) is never stored.
        assertThat(java.util.Base64.getDecoder().decode(key.getString("key").substring("local-1:".length()))).hasSize(60);
    }

    @Test
    void whileAnErasureIsUnderWayNothingIsRecordedAndAfterItTheNextPostStartsANewKey() {
        UUID session = UUID.randomUUID();
        post(List.of(start(session, ROUTINE, null, "Europe/Paris", minutesAgo(10)))).then().statusCode(202);
        String first = keys().find(Filters.eq("_id", user)).first().getString("keyId");

        // What insights-service's erasure does first: the key goes, the erasure is marked under way.
        keys().updateOne(Filters.eq("_id", user), Updates.combine(Updates.set("erasing", new Date()), Updates.set("erasedAt", new Date()),
                Updates.unset("keyId"), Updates.unset("key")));
        post(List.of(pose("POSE_COMPLETED", session, 0, minutesAgo(9)))).then().statusCode(503)
                .header("Retry-After", notNullValue())
                .contentType("application/problem+json").body("detail", containsString("being erased"));

        keys().updateOne(Filters.eq("_id", user), Updates.unset("erasing"));
        UUID again = UUID.randomUUID();
        post(List.of(start(again, ROUTINE, null, "Europe/Paris", minutesAgo(3)))).then().log().ifValidationFails().statusCode(202)
                .body("results[0].status", equalTo("ACCEPTED"));
        Document renewed = keys().find(Filters.eq("_id", user)).first();
        assertThat(renewed.getString("keyId")).isNotBlank().isNotEqualTo(first);
        assertThat(renewed.getDate("erasedAt")).as("kept: plain records from before sealing stay unreadable").isNotNull();
    }

    @Test
    void anErasureRecordDeletesThePersonsClaimsAndSessions() {
        UUID session = UUID.randomUUID();
        post(List.of(start(session, ROUTINE, null, "Europe/Paris", minutesAgo(10)), pose("POSE_COMPLETED", session, 0, minutesAgo(9))))
                .then().statusCode(202);
        String other = "user-" + UUID.randomUUID();
        UUID othersSession = UUID.randomUUID();
        given().auth().oauth2(SharedStack.token(other)).contentType(ContentType.JSON)
                .body(List.of(start(othersSession, ROUTINE, null, "Europe/Paris", minutesAgo(8)))).post("/v1/events").then().statusCode(202);
        MongoCollection<Document> claims = mongo.getDatabase("sukha-sessions").getCollection(Store.EVENTS);
        assertThat(claims.countDocuments(Filters.eq("userId", user))).isEqualTo(2);
        // The person was erased and came back before this service read the erasure: the new life must stay.
        keys().updateOne(Filters.eq("_id", user), Updates.combine(Updates.set("erasedAt", new Date()), Updates.unset("keyId"),
                Updates.unset("key")));
        UUID newLife = UUID.randomUUID();
        post(List.of(start(newLife, ROUTINE, null, "Europe/Paris", minutesAgo(2)))).then().statusCode(202);

        kafka.produceStrings().fromRecords(new ProducerRecord<>(Topics.PERSON_ERASURES, user,
                "{\"erasureId\":\"" + UUID.randomUUID() + "\",\"userId\":\"" + user + "\",\"erasedAt\":\"2026-11-29T10:00:00Z\"}"))
                .awaitCompletion();

        // Sealed under the erased key, the old session no longer opens: it is gone at once, and its documents follow.
        given().auth().oauth2(token).get("/v1/sessions/" + session).then().statusCode(404);
        MongoCollection<Document> sessions = mongo.getDatabase("sukha-sessions").getCollection(Store.SESSIONS);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(sessions.countDocuments(Filters.eq("_id", session.toString()))).isZero());
        assertThat(claims.countDocuments(Filters.eq("userId", user))).as("the new life's start").isEqualTo(1);
        given().auth().oauth2(token).get("/v1/sessions/" + newLife).then().statusCode(200);
        given().auth().oauth2(SharedStack.token(other)).get("/v1/sessions/" + othersSession).then().statusCode(200);
        assertThat(claims.countDocuments(Filters.eq("userId", other))).isEqualTo(1);
    }
}
