package dev.sukha.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;
import dev.sukha.platform.sealing.TestSealer;
import dev.sukha.stack.SharedStack;
import dev.sukha.stack.Topics;
import io.restassured.http.ContentType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

/**
 * Erasure through the three packaged services: once a person erases themselves, every read
 * answers as for someone who never practised (within 10 seconds), session-service forgets their
 * sessions, the topic holds their records only sealed under a key that no longer exists, a
 * rebuild brings nothing back, the audit line has no health data, others keep everything, and
 * the person can start again as new.
 */
class ErasureIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static List<Map<String, Object>> session(OffsetDateTime at, int before, int after) {
        String session = UUID.randomUUID().toString();
        List<Map<String, Object>> events = new ArrayList<>();
        events.add(event("SESSION_STARTED", session, at, Map.of("routineId", "upper-back-release", "zone", "Europe/Paris",
                "pain", Map.of("upper_back", before))));
        events.add(event("POSE_COMPLETED", session, at.plusMinutes(2), Map.of("step", 0, "discomfort", 3)));
        events.add(event("SESSION_COMPLETED", session, at.plusMinutes(12), Map.of("pain", Map.of("upper_back", after))));
        return events;
    }

    private static Map<String, Object> event(String type, String session, OffsetDateTime at, Map<String, Object> fields) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("eventId", UUID.randomUUID().toString());
        e.put("type", type);
        e.put("sessionId", session);
        e.put("occurredAt", at.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        e.putAll(fields);
        return e;
    }

    @Test
    void anErasureReachesEveryServiceAndARebuildBringsNothingBack() throws Exception {
        RunningSystem system = RunningSystem.get();
        String alice = "erased-" + UUID.randomUUID().toString().substring(0, 8);
        String bob = "kept-" + UUID.randomUUID().toString().substring(0, 8);
        String aliceToken = SharedStack.token(alice);
        String bobToken = SharedStack.token(bob);
        OffsetDateTime base = OffsetDateTime.now(ZoneOffset.ofHours(1)).minusDays(2).truncatedTo(ChronoUnit.MINUTES).withHour(8);
        List<Map<String, Object>> alices = new ArrayList<>(session(base, 7, 3));
        alices.addAll(session(base.plusDays(1), 6, 2));
        List<Map<String, Object>> bobs = session(base, 5, 4);
        post(system, aliceToken, alices);
        post(system, bobToken, bobs);
        String alicesSession = (String) alices.get(0).get("sessionId");
        String bobsSession = (String) bobs.get(0).get("sessionId");
        awaitExported(system, aliceToken, 6);
        awaitExported(system, bobToken, 3);
        String bobsRelief = given().baseUri(system.insights.url()).auth().oauth2(bobToken).get("/v1/me/routines/relief").asString();
        String alicesKey = keyOf(alice).getString("keyId");

        given().baseUri(system.insights.url()).auth().oauth2(aliceToken).delete("/v1/me").then().statusCode(202);
        long answered = System.nanoTime();

        // Within 10 seconds: every read as for someone who never practised, in insights and in session-service.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            given().baseUri(system.insights.url()).auth().oauth2(aliceToken).queryParam("zone", "Europe/Paris").get("/v1/me/streak")
                    .then().body("current", equalTo(0)).body("longest", equalTo(0));
            given().baseUri(system.insights.url()).auth().oauth2(aliceToken).get("/v1/me/export").then().body("events", hasSize(0));
            given().baseUri(system.insights.url()).auth().oauth2(aliceToken).get("/v1/me/routines/relief").then().body("$", hasSize(0));
            given().baseUri(system.sessions.url()).auth().oauth2(aliceToken).get("/v1/sessions/" + alicesSession).then().statusCode(404);
        });
        assertThat(Duration.ofNanos(System.nanoTime() - answered)).isLessThan(Duration.ofSeconds(10));
        // Bob keeps everything.
        given().baseUri(system.insights.url()).auth().oauth2(bobToken).get("/v1/me/routines/relief").then().body(equalTo(bobsRelief));
        given().baseUri(system.sessions.url()).auth().oauth2(bobToken).get("/v1/sessions/" + bobsSession).then().statusCode(200);

        // On the topic: alice's records, sealed under a key no store holds; nothing of her pain readable.
        Document erased = keyOf(alice);
        assertThat(erased.keySet()).containsExactlyInAnyOrder("_id", "erasedAt");
        List<ConsumerRecord<String, String>> hers = recordsOf(alice);
        assertThat(hers).hasSize(6).allSatisfy(r -> {
            JsonNode v = JSON.readTree(r.value());
            assertThat(v.path("schemaVersion").asInt()).isEqualTo(2);
            assertThat(v.path("keyId").asText()).isEqualTo(alicesKey);
            TestSealer.assertSealedWithout(r.value(), "upper_back", "pain", "discomfort", "Europe/Paris");
        });
        // One audit line, naming who asked, without health data.
        List<String> audit = Files.readAllLines(system.insights.log).stream().filter(l -> l.contains("erasure") && l.contains(alice)).toList();
        assertThat(audit).hasSize(1);
        assertThat(audit.get(0)).contains("themselves").doesNotContain("upper_back", "pain:", "neck");

        // A rebuild replays the whole topic: nothing of alice comes back, bob is the same.
        String operator = SharedStack.token("olga", "operator");
        given().baseUri(system.insights.url()).auth().oauth2(operator).post("/v1/admin/rebuild").then().statusCode(202);
        await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> given().baseUri(system.insights.url()).auth().oauth2(operator)
                .get("/v1/admin/rebuild").then().body("state", equalTo("DONE")));
        given().baseUri(system.insights.url()).auth().oauth2(aliceToken).get("/v1/me/export").then().body("events", hasSize(0));
        given().baseUri(system.insights.url()).auth().oauth2(bobToken).get("/v1/me/routines/relief").then().body(equalTo(bobsRelief));

        // Alice starts again, as a new person with a new key: only what she posts now counts.
        List<Map<String, Object>> again = session(OffsetDateTime.now(ZoneOffset.ofHours(1)).minusHours(1).truncatedTo(ChronoUnit.MINUTES), 4, 1);
        post(system, aliceToken, again);
        awaitExported(system, aliceToken, 3);
        assertThat(keyOf(alice).getString("keyId")).isNotBlank().isNotEqualTo(alicesKey);
        given().baseUri(system.insights.url()).auth().oauth2(aliceToken).get("/v1/me/routines/relief").then()
                .body("[0].sessions", equalTo(1));
    }

    private static void post(RunningSystem system, String token, List<Map<String, Object>> events) {
        given().baseUri(system.sessions.url()).auth().oauth2(token).contentType(ContentType.JSON).body(events)
                .when().post("/v1/events").then().statusCode(202);
    }

    private static void awaitExported(RunningSystem system, String token, int events) {
        await().atMost(Duration.ofSeconds(20)).until(() -> given().baseUri(system.insights.url()).auth().oauth2(token)
                .get("/v1/me/export").then().extract().jsonPath().getList("events").size() == events);
    }

    private static Document keyOf(String user) {
        try (MongoClient mongo = MongoClients.create(SharedStack.get().mongoConnectionString())) {
            return mongo.getDatabase("sukha-keys").getCollection("person_keys").find(Filters.eq("_id", user)).first();
        }
    }

    private static List<ConsumerRecord<String, String>> recordsOf(String user) {
        List<ConsumerRecord<String, String>> found = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers",
                SharedStack.get().bootstrapServers(), "enable.auto.commit", "false"), new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.PRACTICE_EVENTS).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                consumer.poll(Duration.ofMillis(500)).forEach(r -> {
                    if (user.equals(r.key())) {
                        found.add(r);
                    }
                });
            }
        }
        return found;
    }
}
