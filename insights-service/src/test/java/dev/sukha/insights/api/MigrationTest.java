package dev.sukha.insights.api;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import dev.sukha.stack.LocalStackResource;
import dev.sukha.stack.SharedStack;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * A store left by the layout of one document per person ({@code practice}, {@code goals})
 * is migrated at start: goals copied into settings, the projection rebuilt from the topic,
 * the old collections dropped, and no figure lost.
 */
@QuarkusTest
@TestProfile(MigrationTest.OldLayout.class)
class MigrationTest {

    /** The management interface: health, metrics and the OpenAPI document are served there, not on the public port. */
    @io.quarkus.test.common.http.TestHTTPResource(value = "/", management = true)
    java.net.URL management;

    static final String DATABASE = "insights-migration";
    static final String TOPIC = "practice-events-migration";
    static final String USER = "migrated-user";

    public static class OldLayout implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(OldStore.class));
        }
    }

    /** The shared stack, with a database and a topic as the previous version left them. */
    public static class OldStore extends LocalStackResource {
        @Override
        public Map<String, String> start() {
            Map<String, String> config = new HashMap<>(super.start());
            SharedStack.Info stack = SharedStack.get();
            try (MongoClient client = MongoClients.create(stack.mongoConnectionString())) {
                MongoDatabase db = client.getDatabase(DATABASE);
                db.drop();
                db.getCollection("practice").insertOne(new Document("_id", USER).append("sessions", new Document()));
                db.getCollection("goals").insertOne(new Document("_id", USER)
                        .append("changes", new Document("2020-W01", 2)));
                db.getCollection("meta").insertOne(new Document("_id", "live").append("collection", "practice"));
            }
            try (KafkaCompanion kafka = new KafkaCompanion(stack.bootstrapServers())) {
                kafka.topics().createAndWait(TOPIC, 3);
                Events events = new Events(USER);
                OffsetDateTime today = LocalDate.now(ZoneOffset.UTC).atTime(6, 0).atOffset(ZoneOffset.UTC);
                for (int d = 0; d < 3; d++) {
                    events.session("upper-back-release", 4, "UTC", today.minusDays(d), 15, 4, "SESSION_COMPLETED",
                            Map.of("neck", 6), Map.of("neck", 3));
                }
                List<org.apache.kafka.clients.producer.ProducerRecord<String, String>> records = new ArrayList<>();
                events.records().forEach(r -> records.add(new org.apache.kafka.clients.producer.ProducerRecord<>(TOPIC, r.key(), r.value())));
                kafka.produceStrings().fromRecords(records).awaitCompletion();
            }
            config.put("quarkus.mongodb.database", DATABASE);
            config.put("mp.messaging.incoming.practice-events-in.topic", TOPIC);
            config.put("mp.messaging.incoming.practice-events-in.group.id", "insights-migration");
            return config;
        }
    }

    @Test
    void theOldLayoutIsRebuiltIntoTheNewOneWithItsGoalsAndNothingLost() {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                given().baseUri(management.getProtocol() + "://" + management.getAuthority()).get("/q/health/ready").then().statusCode(200));
        String token = SharedStack.token(USER);
        given().auth().oauth2(token).queryParam("zone", "UTC").get("/v1/me/streak").then().statusCode(200)
                .body("current", equalTo(3)).body("goalDays", equalTo(2));
        given().auth().oauth2(token).get("/v1/me/routines/relief").then()
                .body("[0].sessions", equalTo(3)).body("[0].avgRelief", equalTo(3.0f));
        try (MongoClient client = MongoClients.create(SharedStack.get().mongoConnectionString())) {
            List<String> names = client.getDatabase(DATABASE).listCollectionNames().into(new ArrayList<>());
            assertThat(names).doesNotContain("practice", "goals").contains("projection");
            assertThat(client.getDatabase(DATABASE).getCollection("meta").find(new Document("_id", "live")).first()).isNull();
            Document meta = client.getDatabase(DATABASE).getCollection("meta").find(new Document("_id", "projection")).first();
            assertThat(meta).isNotNull();
            assertThat(meta.get("live", Number.class).longValue()).isEqualTo(1);
        }
    }
}
