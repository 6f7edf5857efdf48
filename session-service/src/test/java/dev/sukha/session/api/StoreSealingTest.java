package dev.sukha.session.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import dev.sukha.session.usecase.EventParser;
import dev.sukha.session.domain.FieldError;
import dev.sukha.session.store.EventClaims;
import dev.sukha.session.store.RoutineViewStore;
import dev.sukha.session.store.SessionStore;
import dev.sukha.session.store.Store;
import dev.sukha.session.usecase.StoreSealing;
import dev.sukha.stack.LocalStackResource;
import dev.sukha.stack.SharedStack;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.sukha.session.api.Fixtures.ROUTINE;
import static dev.sukha.session.api.Fixtures.minutesAgo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;

/**
 * The store's sealing migration, on the real broker and store: claims and sessions in the form the code
 * before kept them (a claim's whole content, a session's routine, zone and times in the clear) are sealed
 * while events keep arriving; afterwards nothing of them is in the clear, a resend is still a DUPLICATE,
 * the sessions read as before, and what belonged to a key that is no longer live is gone.
 */
@QuarkusTest
@QuarkusTestResource(LocalStackResource.class)
class StoreSealingTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static KafkaCompanion kafka;
    private static MongoClient mongo;

    @Inject
    RoutineViewStore view;

    @Inject
    StoreSealing sealing;

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

    private static MongoCollection<Document> collection(String name) {
        return mongo.getDatabase("sukha-sessions").getCollection(name);
    }

    private static io.restassured.response.Response post(String token, Object body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body).when().post("/v1/events");
    }

    /** Turns what this code stored of a person back into what the code before stored: everything in the clear. */
    private static void asBefore(String user, List<Map<String, Object>> events) throws Exception {
        for (Map<String, Object> e : events) {
            String fingerprint = EventParser.parse(0, JSON.valueToTree(e), Clock.systemUTC(), new ArrayList<FieldError>()).fingerprint();
            collection(Store.EVENTS).updateOne(Filters.eq("_id", e.get("eventId")), Updates.combine(
                    Updates.set(EventClaims.PLAIN_CONTENT, fingerprint), Updates.unset(EventClaims.CONTENT)));
        }
        Map<String, Object> start = events.get(0);
        Map<String, Object> end = events.get(events.size() - 1);
        collection(Store.SESSIONS).updateOne(Filters.eq("_id", start.get("sessionId")), Updates.combine(
                Updates.set("routineId", ROUTINE), Updates.set("routineVersion", 2), Updates.set("stepCount", 4),
                Updates.set("zone", "Europe/Paris"), Updates.set("startedAt", start.get("occurredAt")),
                Updates.set("endType", "SESSION_COMPLETED"), Updates.set("endedAt", end.get("occurredAt")),
                Updates.unset(SessionStore.CONTEXT), Updates.unset(SessionStore.END)));
    }

    @Test
    void plainClaimsAndSessionsAreSealedWhileEventsArriveAndStillServe() throws Exception {
        if (view.find(ROUTINE).map(r -> r.latest() >= 2).orElse(false) == Boolean.FALSE) {
            Fixtures.announceRoutine(kafka, ROUTINE, 2, 4);
            await().atMost(Duration.ofSeconds(30)).until(() -> view.find(ROUTINE).map(r -> r.latest() == 2).orElse(false));
        }
        String user = "sealing-" + UUID.randomUUID();
        String token = SharedStack.token(user);
        List<List<Map<String, Object>>> sessions = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            List<Map<String, Object>> s = Fixtures.session(UUID.randomUUID(), 4, minutesAgo(200 - 30L * i));
            post(token, s).then().statusCode(202);
            asBefore(user, s);
            sessions.add(s);
        }
        // A claim of a key that is no longer the person's (a life erased): it goes, sealed or not.
        String stale = UUID.randomUUID().toString();
        collection(Store.EVENTS).insertOne(new Document("_id", stale).append("userId", user).append("keyId", "erased-key")
                .append(EventClaims.PLAIN_CONTENT, stale + "|SESSION_STARTED|neck=9").append("state", EventClaims.RECORDED));
        assertThat(collection(Store.EVENTS).countDocuments(Filters.exists(EventClaims.PLAIN_CONTENT, true))).isGreaterThanOrEqualTo(19);

        // Events keep arriving while it runs.
        AtomicBoolean going = new AtomicBoolean(true);
        AtomicInteger accepted = new AtomicInteger();
        String other = SharedStack.token("sealing-other-" + UUID.randomUUID());
        CompletableFuture<Void> traffic = CompletableFuture.runAsync(() -> {
            for (int i = 0; going.get() && i < 40; i++) {
                post(other, Fixtures.session(UUID.randomUUID(), 4, minutesAgo(100 - i))).then().statusCode(202);
                accepted.incrementAndGet();
            }
        });
        collection("migrations").deleteOne(Filters.eq("_id", "seal-store"));
        sealing.start();
        await().atMost(Duration.ofSeconds(60)).until(() -> "DONE".equals(sealing.status().state()));
        going.set(false);
        traffic.get();
        assertThat(accepted.get()).isPositive();
        assertThat(sealing.status().done()).isGreaterThanOrEqualTo(sealing.status().toDo()).isGreaterThanOrEqualTo(19);

        // Nothing in the clear, anywhere in the two collections.
        assertThat(collection(Store.EVENTS).countDocuments(Filters.exists(EventClaims.PLAIN_CONTENT, true))).isZero();
        assertThat(collection(Store.SESSIONS).countDocuments(Filters.exists("routineId", true))).isZero();
        assertThat(collection(Store.EVENTS).countDocuments(Filters.eq("_id", stale))).isZero();
        for (Document d : collection(Store.EVENTS).find(Filters.eq("userId", user))) {
            assertThat(d.toJson()).doesNotContain("neck", "upper_back", "SESSION_", "Europe/Paris");
        }
        for (Document d : collection(Store.SESSIONS).find(Filters.eq("owner", user))) {
            assertThat(d.toJson()).doesNotContain("Europe/Paris", ROUTINE, "SESSION_");
        }
        // Every byte of the store's file, as a backup would copy it (the local store rewrites it when it stops).
        SharedStack.stopStore();
        try {
            String file = new String(java.nio.file.Files.readAllBytes(SharedStack.get().dataDir().resolve("mongo").resolve("sukha.mv")),
                    java.nio.charset.StandardCharsets.ISO_8859_1);
            assertThat(file).contains(user).doesNotContain("neck=4", "upper_back=6", "|Europe/Paris|");
        } finally {
            SharedStack.startStore();
        }
        // And everything serves as before: resends are duplicates, the sessions read whole.
        for (List<Map<String, Object>> s : sessions) {
            post(token, s).then().statusCode(202).body("results.status", everyItem(equalTo("DUPLICATE")));
            given().auth().oauth2(token).get("/v1/sessions/" + s.get(0).get("sessionId")).then().statusCode(200)
                    .body("zone", equalTo("Europe/Paris")).body("routineId", equalTo(ROUTINE)).body("end", equalTo("SESSION_COMPLETED"));
        }
    }
}
