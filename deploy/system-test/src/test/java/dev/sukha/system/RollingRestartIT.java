package dev.sukha.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sukha.stack.KafkaCluster;
import dev.sukha.stack.SharedStack;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Kafka cluster, not a broker: three nodes with production's settings (replication factor 3,
 * min.insync.replicas 2), two session-service instances taking posts from four clients without a
 * pause, insights-service consuming. Each node in turn stops gracefully and comes back, the next
 * only once every replica is in sync again — a Strimzi rolling restart. People practising must not
 * notice: no answer but 202, every acknowledged event on the topic exactly once, insights' lag back
 * to zero, nothing dead-lettered. Then the same roll while insights catches up a backlog.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RollingRestartIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static KafkaCluster cluster;
    private static final List<ServiceProcess> services = new ArrayList<>();

    @BeforeAll
    static void clusterAndServices() {
        SharedStack.get(); // the store and the keys; Kafka is the cluster's
        cluster = KafkaCluster.start(Path.of("target", "kafka-cluster-" + UUID.randomUUID()));
        Map<String, String> onCluster = Map.of("kafka.bootstrap.servers", cluster.bootstrapServers());
        services.add(ServiceProcess.start("routine-service", with(onCluster, "quarkus.mongodb.database", "sukha-routines-cluster")));
        services.add(ServiceProcess.start("session-service", with(onCluster, "quarkus.mongodb.database", "sukha-sessions-cluster")));
        services.add(ServiceProcess.start("session-service", with(onCluster, "quarkus.mongodb.database", "sukha-sessions-cluster")));
        services.add(ServiceProcess.start("insights-service", with(onCluster, "quarkus.mongodb.database", "sukha-insights-cluster")));
    }

    private static Map<String, String> with(Map<String, String> base, String key, String value) {
        Map<String, String> all = new HashMap<>(base);
        all.put(key, value);
        return all;
    }

    @AfterAll
    static void stop() {
        services.forEach(ServiceProcess::close);
        if (cluster != null) {
            cluster.close();
        }
    }

    /** Each node in turn: stopped gracefully, started again, and every replica back in sync before the next. */
    private static List<String> roll() throws Exception {
        List<String> inSync = new ArrayList<>();
        for (int node = 1; node <= KafkaCluster.NODES; node++) {
            cluster.stop(node);
            Thread.sleep(3_000);
            cluster.start(node);
            inSync.add("node " + node + " in sync " + cluster.awaitInSync(Duration.ofSeconds(90)).toMillis() + " ms after start");
        }
        return inSync;
    }

    @Test
    @Order(1)
    void aRollingRestartOfEveryBrokerIsInvisibleToThePeoplePractising() throws Exception {
        List<ServiceProcess> sessions = services.subList(1, 3);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        Map<String, String> acknowledged = new ConcurrentHashMap<>(); // eventId -> user
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean rolling = new AtomicBoolean(true);
        AtomicInteger sent = new AtomicInteger();

        // Until the catalogue has reached both instances, a start is 422 (unknown routine): wait for 202s first.
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> sessions.stream().allMatch(s ->
                post(http, s, "warm-up", sessionBody(OffsetDateTime.now(ZoneOffset.UTC).minusHours(1), new ArrayList<>())) == 202));

        List<Thread> clients = new ArrayList<>();
        for (int c = 0; c < 4; c++) {
            int client = c;
            Thread t = new Thread(() -> {
                int i = 0;
                while (rolling.get()) {
                    String user = "roll-" + client + "-" + (i % 3);
                    List<String> ids = new ArrayList<>();
                    String body = sessionBody(OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(30 + i % 600), ids);
                    long t0 = System.nanoTime();
                    int status = post(http, sessions.get((client + i) % 2), user, body);
                    latencies.add((System.nanoTime() - t0) / 1_000_000);
                    sent.incrementAndGet();
                    if (status == 202) {
                        ids.forEach(id -> acknowledged.put(id, user));
                    } else {
                        failures.add(status + " at " + Instant.now());
                    }
                    i++;
                }
            }, "rolling-client-" + c);
            t.start();
            clients.add(t);
        }

        Thread.sleep(3_000);
        Instant rollStart = Instant.now();
        List<String> inSync = roll();
        Duration roll = Duration.between(rollStart, Instant.now());
        Thread.sleep(2_000);
        rolling.set(false);
        for (Thread t : clients) {
            t.join(30_000);
        }

        // Every acknowledged event on the topic exactly once.
        Map<String, Integer> onTopic = eventIdsOnTopic();
        long lost = acknowledged.keySet().stream().filter(id -> !onTopic.containsKey(id)).count();
        long duplicated = onTopic.values().stream().filter(n -> n > 1).count();
        // insights' lag back to zero, nothing dead-lettered.
        Instant t0 = Instant.now();
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(120)).until(() -> lag("insights-service", "practice-events") == 0);
        Duration lagToZero = Duration.between(t0, Instant.now());
        long deadLetters = endOffsets("practice-events-dlq");

        List<Long> sorted = latencies.stream().sorted().toList();
        long p99 = sorted.isEmpty() ? 0 : sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(sorted.size() * 0.99) - 1));
        System.out.printf(Locale.ROOT, "rolling restart: %,d events in %,d requests over %d s, %d non-2xx, %d lost, %d duplicated, "
                        + "202 p99 %d ms; insights' lag 0 %d ms after the roll; %d dead letters; %s%n",
                acknowledged.size(), sent.get(), roll.toSeconds(), failures.size(), lost, duplicated, p99,
                lagToZero.toMillis(), deadLetters, String.join(", ", inSync));

        assertThat(failures).as("answers other than 202 during the roll").isEmpty();
        assertThat(acknowledged).hasSizeGreaterThan(50);
        assertThat(lost).as("acknowledged events missing from the topic").isZero();
        assertThat(duplicated).as("events on the topic twice").isZero();
        assertThat(deadLetters).isZero();
    }

    @Test
    @Order(2)
    void aRollWhileInsightsCatchesUpABacklogLosesNothingAndDeadLettersNothing() throws Exception {
        // insights away while 4,000 events come in: 20 people, 100 sessions each, in one batch each.
        Map<String, String> insightsProperties = Map.of("kafka.bootstrap.servers", cluster.bootstrapServers(),
                "quarkus.mongodb.database", "sukha-insights-cluster");
        services.remove(3).close();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        for (int person = 0; person < 20; person++) {
            StringBuilder body = new StringBuilder("[");
            for (int session = 0; session < 100; session++) {
                String one = sessionBody(OffsetDateTime.now(ZoneOffset.UTC).minusHours(2 + session), new ArrayList<>());
                body.append(session == 0 ? "" : ",").append(one, 1, one.length() - 1);
            }
            assertThat(post(http, services.get(1), "backlog-" + person, body.append("]").toString())).isEqualTo(202);
        }
        long backlog = lag("insights-service", "practice-events");
        long deadBefore = endOffsets("practice-events-dlq");

        services.add(ServiceProcess.start("insights-service", insightsProperties));
        Instant t0 = Instant.now();
        List<String> inSync = roll();
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(180)).until(() -> lag("insights-service", "practice-events") == 0);
        Duration caughtUp = Duration.between(t0, Instant.now());
        long deadLetters = endOffsets("practice-events-dlq") - deadBefore;
        System.out.printf(Locale.ROOT, "rolling restart during a catch-up: a backlog of %,d records, lag 0 %d ms after insights "
                + "started and the roll began; %d dead letters; %s%n", backlog, caughtUp.toMillis(), deadLetters, String.join(", ", inSync));
        assertThat(backlog).isGreaterThanOrEqualTo(4_000);
        assertThat(deadLetters).as("records dead-lettered because of the roll").isZero();
    }

    private static String sessionBody(OffsetDateTime start, List<String> ids) {
        String session = UUID.randomUUID().toString();
        String a = UUID.randomUUID().toString();
        String b = UUID.randomUUID().toString();
        ids.add(a);
        ids.add(b);
        return """
                [{"eventId":"%s","type":"SESSION_STARTED","sessionId":"%s","occurredAt":"%s","routineId":"upper-back-quick","zone":"UTC"},
                 {"eventId":"%s","type":"SESSION_COMPLETED","sessionId":"%s","occurredAt":"%s"}]"""
                .formatted(a, session, start, b, session, start.plusMinutes(8));
    }

    private static int post(HttpClient http, ServiceProcess session, String user, String body) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(session.url() + "/v1/events"))
                    .header("Authorization", "Bearer " + SharedStack.token(user)).header("Content-Type", "application/json")
                    .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            return -1;
        }
    }

    /** How many times each event id is on practice-events (the sealed envelope names it in clear). */
    private static Map<String, Integer> eventIdsOnTopic() throws Exception {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        Map<String, Integer> counts = new HashMap<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions = consumer.partitionsFor("practice-events").stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    JsonNode v = JSON.readTree(r.value());
                    counts.merge(v.path("eventId").asText(), 1, Integer::sum);
                }
            }
        }
        return counts;
    }

    private static long endOffsets(String topic) throws Exception {
        try (Admin admin = cluster.admin()) {
            Set<TopicPartition> partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions()
                    .stream().map(p -> new TopicPartition(topic, p.partition())).collect(Collectors.toSet());
            return admin.listOffsets(partitions.stream().collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest())))
                    .all().get().values().stream().mapToLong(o -> o.offset()).sum();
        }
    }

    private static long lag(String group, String topic) throws Exception {
        try (Admin admin = cluster.admin()) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get();
            Set<TopicPartition> partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions()
                    .stream().map(p -> new TopicPartition(topic, p.partition())).collect(Collectors.toSet());
            Map<TopicPartition, Long> end = admin.listOffsets(partitions.stream().collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest())))
                    .all().get().entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
            return partitions.stream().mapToLong(tp -> end.get(tp)
                    - (committed.get(tp) == null ? 0 : committed.get(tp).offset())).sum();
        }
    }
}
