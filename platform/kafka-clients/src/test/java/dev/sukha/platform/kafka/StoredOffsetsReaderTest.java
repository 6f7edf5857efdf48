package dev.sukha.platform.kafka;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import dev.sukha.stack.SharedStack;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Against the real broker and store of the local stack: clients carry every shared setting, and a topic
 * read from offsets kept in the store reads on where it stopped — and, with the offsets of an older copy of
 * the store put back (a backup restored), reads again what came since.
 */
class StoredOffsetsReaderTest {

    private static MongoClient mongo;
    private static KafkaClients clients;

    @BeforeAll
    static void start() {
        SharedStack.Info stack = SharedStack.get();
        mongo = MongoClients.create(stack.mongoConnectionString());
        clients = new KafkaClients(Map.of("bootstrap.servers", stack.bootstrapServers()));
    }

    @AfterAll
    static void stop() {
        mongo.close();
    }

    @Test
    void everyClientCarriesTheSharedSettingsAndItsOwnWin() {
        KafkaClients withSecurity = new KafkaClients(Map.of("bootstrap.servers", "broker:9093", "security.protocol", "SASL_SSL",
                "sasl.mechanism", "SCRAM-SHA-512"));
        Map<String, Object> settings = withSecurity.settings(Map.of(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "10",
                "sasl.mechanism", "PLAIN"));
        assertThat(settings).containsEntry("security.protocol", "SASL_SSL").containsEntry("bootstrap.servers", "broker:9093")
                .containsEntry(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "10").containsEntry("sasl.mechanism", "PLAIN");
    }

    @Test
    void aTopicIsReadOnFromTheStoredOffsetsAndAgainFromAnOlderCopyOfThem() throws Exception {
        String topic = "ledger-" + UUID.randomUUID();
        try (var admin = clients.admin("test-admin")) {
            admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get();
        }
        MongoCollection<Document> offsets = mongo.getDatabase("ledger-test").getCollection("offsets");
        try (KafkaProducer<String, String> producer = clients.producer("test-producer", Map.of())) {
            for (int i = 0; i < 6; i++) {
                producer.send(new ProducerRecord<>(topic, "k" + i, "first-" + i)).get();
            }
        }
        List<String> seen = new ArrayList<>();
        try (StoredOffsetsReader reader = new StoredOffsetsReader(clients.consumer("test", Map.of()), topic, offsets, topic)) {
            assertThat(reader.readToEnd(r -> seen.add(r.value()))).isEqualTo(6);
            assertThat(reader.gap()).isFalse();
        }
        Document backup = offsets.find(Filters.eq("_id", topic)).first();
        try (KafkaProducer<String, String> producer = clients.producer("test-producer", Map.of())) {
            for (int i = 0; i < 4; i++) {
                producer.send(new ProducerRecord<>(topic, "k" + i, "second-" + i)).get();
            }
        }
        List<String> later = new ArrayList<>();
        try (StoredOffsetsReader reader = new StoredOffsetsReader(clients.consumer("test", Map.of()), topic, offsets, topic)) {
            reader.readToEnd(r -> later.add(r.value()));
        }
        assertThat(later).containsExactlyInAnyOrder("second-0", "second-1", "second-2", "second-3");

        // The store restored from the copy taken after the first six: it reads the last four again, nothing before.
        offsets.replaceOne(Filters.eq("_id", topic), backup);
        List<String> again = new ArrayList<>();
        try (StoredOffsetsReader reader = new StoredOffsetsReader(clients.consumer("test", Map.of()), topic, offsets, topic)) {
            reader.readToEnd(r -> again.add(r.value()));
        }
        assertThat(again).containsExactlyInAnyOrderElementsOf(later);
        assertThat(seen).hasSize(6).allMatch(v -> v.startsWith("first-"));
    }
}
