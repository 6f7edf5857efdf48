package dev.sukha.session.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;
import dev.sukha.session.keys.PersonKeys;
import dev.sukha.session.store.RoutineViewStore;
import dev.sukha.stack.LocalStackResource;
import dev.sukha.stack.SharedStack;
import dev.sukha.stack.Topics;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import static dev.sukha.session.api.Fixtures.ROUTINE;
import static dev.sukha.session.api.Fixtures.minutesAgo;
import static dev.sukha.session.api.Fixtures.start;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * The one-time sealing migration on the real broker: afterwards no plain record is left on the
 * topics, each person's plain records are there sealed with their key (an erased person's are
 * not), sealed ones are kept, and a stopped migration resumes from the progress it stored.
 */
@QuarkusTest
@QuarkusTestResource(LocalStackResource.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SealMigrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static KafkaCompanion kafka;
    private static MongoClient mongo;

    @Inject
    RoutineViewStore view;

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

    private static String operator() {
        return SharedStack.token("olga", "operator");
    }

    private static void forgetMigration() {
        mongo.getDatabase("sukha-sessions").getCollection("migrations").deleteMany(new Document());
    }

    /** A record as session-service wrote it before sealing (practice-event.v1.json). */
    private static String plain(String user) throws Exception {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("schemaVersion", 1);
        v.put("eventId", UUID.randomUUID().toString());
        v.put("userId", user);
        v.put("sessionId", UUID.randomUUID().toString());
        v.put("type", "SESSION_STARTED");
        v.put("occurredAt", "2026-11-20T08:00:00+01:00");
        v.put("recordedAt", "2026-11-20T07:00:01Z");
        v.put("routineId", ROUTINE);
        v.put("routineVersion", 2);
        v.put("stepCount", 4);
        v.put("zone", "Europe/Paris");
        v.put("pain", Map.of("neck", 7));
        String value = JSON.writeValueAsString(v);
        Contracts.assertValid(Contracts.PRACTICE_EVENT, value);
        return value;
    }

    private static KafkaConsumer<String, String> consumer() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedStack.get().bootstrapServers());
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        return new KafkaConsumer<>(props);
    }

    private static List<ConsumerRecord<String, String>> everything(String topic) {
        List<ConsumerRecord<String, String>> all = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = consumer()) {
            List<TopicPartition> tps = consumer.partitionsFor(topic).stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(tps);
            consumer.seekToBeginning(tps);
            Map<TopicPartition, Long> end = consumer.endOffsets(tps);
            while (tps.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                consumer.poll(Duration.ofMillis(500)).forEach(all::add);
            }
        }
        return all;
    }

    private static void awaitDone() {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().auth().oauth2(operator())
                .get("/v1/admin/migrations/seal-records").then().statusCode(200).body("state", equalTo("DONE")));
    }

    @Test
    @Order(1)
    void aStoppedMigrationResumesFromItsStoredProgressTakingOverAStaleLease() throws Exception {
        forgetMigration();
        String user = "resumed-" + UUID.randomUUID();
        kafka.produceStrings().fromRecords(new ProducerRecord<>(Topics.PRACTICE_EVENTS, user, plain(user))).awaitCompletion();
        // What a migration that copied everything and then died before deleting leaves behind.
        Document partitions = new Document();
        for (String topic : List.of(Topics.PRACTICE_EVENTS, Topics.PRACTICE_EVENTS_DLQ)) {
            try (KafkaConsumer<String, String> consumer = consumer()) {
                List<TopicPartition> tps = consumer.partitionsFor(topic).stream().map(p -> new TopicPartition(topic, p.partition())).toList();
                consumer.endOffsets(tps).forEach((tp, end) -> partitions.append(tp.topic() + ":" + tp.partition(),
                        new Document("end", end).append("next", end)));
            }
        }
        mongo.getDatabase("sukha-sessions").getCollection("migrations").insertOne(new Document("_id", "seal-records")
                .append("state", "RUNNING").append("startedAt", new Date()).append("partitions", partitions)
                .append("owner", "an-instance-that-died").append("heartbeat", new Date(0)).append("read", 41L));

        given().auth().oauth2(operator()).post("/v1/admin/migrations/seal-records").then().statusCode(202);
        awaitDone();
        // It went on from the stored progress (nothing left to copy), then deleted below the boundary.
        given().auth().oauth2(operator()).get("/v1/admin/migrations/seal-records").then().body("read", equalTo(41));
        assertThat(everything(Topics.PRACTICE_EVENTS)).noneMatch(r -> user.equals(r.key()));
    }

    @Test
    @Order(2)
    void afterTheMigrationNoPlainRecordIsLeftAndEveryonesEventsAreThereSealed() throws Exception {
        forgetMigration();
        if (view.find(ROUTINE).map(r -> r.latest() >= 2).orElse(false) == Boolean.FALSE) {
            Fixtures.announceRoutine(kafka, ROUTINE, 2, 4);
            await().atMost(Duration.ofSeconds(30)).until(() -> view.find(ROUTINE).map(r -> r.latest() == 2).orElse(false));
        }
        String mia = "mia-" + UUID.randomUUID();
        String ned = "ned-" + UUID.randomUUID();
        String olive = "olive-" + UUID.randomUUID();
        List<String> miasPlain = List.of(plain(mia), plain(mia));
        String nedsPlain = plain(ned);
        // ned was erased before the migration: his plain records are his no more.
        mongo.getDatabase("sukha-keys").getCollection(PersonKeys.COLLECTION).insertOne(new Document("_id", ned).append("erasedAt", new Date()));
        RecordHeaders reason = new RecordHeaders();
        reason.add("dlq-reason", "week 2026-W47 of this person already holds 300 sessions".getBytes(StandardCharsets.UTF_8));
        String miasDeadLetter = plain(mia);
        kafka.produceStrings().fromRecords(
                new ProducerRecord<>(Topics.PRACTICE_EVENTS, mia, miasPlain.get(0)),
                new ProducerRecord<>(Topics.PRACTICE_EVENTS, mia, miasPlain.get(1)),
                new ProducerRecord<>(Topics.PRACTICE_EVENTS, ned, nedsPlain),
                new ProducerRecord<>(Topics.PRACTICE_EVENTS, "poison", "{\"pain\": {\"neck\": 9}, \"not\": \"an event\"}"),
                new ProducerRecord<>(Topics.PRACTICE_EVENTS_DLQ, null, mia, miasDeadLetter, reason)).awaitCompletion();
        UUID session = UUID.randomUUID();
        given().auth().oauth2(SharedStack.token(olive)).contentType(ContentType.JSON)
                .body(List.of(start(session, ROUTINE, null, "Europe/Paris", minutesAgo(5)))).post("/v1/events").then().statusCode(202);
        String olivesSealed = everything(Topics.PRACTICE_EVENTS).stream().filter(r -> olive.equals(r.key())).findFirst().orElseThrow().value();

        given().auth().oauth2(SharedStack.token("mia")).post("/v1/admin/migrations/seal-records").then().statusCode(403);
        given().auth().oauth2(operator()).post("/v1/admin/migrations/seal-records").then().statusCode(202);
        awaitDone();

        List<ConsumerRecord<String, String>> events = everything(Topics.PRACTICE_EVENTS);
        List<ConsumerRecord<String, String>> deadLetters = everything(Topics.PRACTICE_EVENTS_DLQ);
        for (ConsumerRecord<String, String> r : concat(events, deadLetters)) {
            Contracts.assertSealedWithout(r.value(), "pain", "neck");
        }
        // mia's plain records are there, sealed with her key, whole.
        assertThat(events.stream().filter(r -> mia.equals(r.key())).map(r -> Contracts.opened(r.value())).toList())
                .containsExactlyInAnyOrderElementsOf(miasPlain);
        ConsumerRecord<String, String> dead = deadLetters.stream().filter(r -> mia.equals(r.key())).findFirst().orElseThrow();
        assertThat(Contracts.opened(dead.value())).isEqualTo(miasDeadLetter);
        assertThat(new String(dead.headers().lastHeader("dlq-reason").value(), StandardCharsets.UTF_8)).contains("300 sessions");
        // ned's are gone, the poison too; olive's sealed record is there, once.
        assertThat(events).noneMatch(r -> ned.equals(r.key()) || "poison".equals(r.key()));
        assertThat(events.stream().filter(r -> olive.equals(r.key())).map(ConsumerRecord::value)).containsExactly(olivesSealed);
        given().auth().oauth2(operator()).get("/v1/admin/migrations/seal-records").then()
                .body("sealed", equalTo(3)).body("dropped", equalTo(2));

        // Started again, a finished migration stays finished.
        given().auth().oauth2(operator()).post("/v1/admin/migrations/seal-records").then().statusCode(202).body("state", equalTo("DONE"));
        Document nedsKey = mongo.getDatabase("sukha-keys").getCollection(PersonKeys.COLLECTION).find(Filters.eq("_id", ned)).first();
        assertThat(nedsKey.getString("keyId")).as("no key was made to seal an erased person's records").isNull();
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
