package dev.sukha.platform.kafka;

import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.util.HashMap;
import java.util.Map;

/**
 * The one place a service builds a Kafka client of its own (a replay from the start of a topic, a
 * migration's producer, an admin): from every {@code kafka.*} setting the messaging channels use too
 * (Quarkus gathers them as the {@code default-kafka-broker} map), then what the client itself needs.
 * A client built from the bootstrap address alone would miss the rest — the TLS truststore, the SASL
 * credentials — and be refused by a secured cluster, or worse, reach an unsecured listener.
 */
@ApplicationScoped
public class KafkaClients {

    private final Map<String, Object> shared;

    @Inject
    public KafkaClients(@Identifier("default-kafka-broker") Map<String, Object> shared) {
        this.shared = Map.copyOf(shared);
    }

    /** The settings of a client: every shared one, then {@code own} (which wins where both say something). */
    public Map<String, Object> settings(Map<String, Object> own) {
        Map<String, Object> all = new HashMap<>(shared);
        all.putAll(own);
        return all;
    }

    /** A consumer of string keys and values, outside any group unless {@code own} names one. */
    public KafkaConsumer<String, String> consumer(String clientId, Map<String, Object> own) {
        Map<String, Object> settings = new HashMap<>(Map.of(ConsumerConfig.CLIENT_ID_CONFIG, clientId,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"));
        settings.putAll(own);
        return new KafkaConsumer<>(settings(settings), new StringDeserializer(), new StringDeserializer());
    }

    /** A producer of string keys and values, acknowledged by every in-sync replica and idempotent unless {@code own} says else. */
    public KafkaProducer<String, String> producer(String clientId, Map<String, Object> own) {
        Map<String, Object> settings = new HashMap<>(Map.of(ProducerConfig.CLIENT_ID_CONFIG, clientId,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true"));
        settings.putAll(own);
        return new KafkaProducer<>(settings(settings), new StringSerializer(), new StringSerializer());
    }

    public Admin admin(String clientId) {
        return Admin.create(settings(Map.of(ConsumerConfig.CLIENT_ID_CONFIG, clientId)));
    }
}
