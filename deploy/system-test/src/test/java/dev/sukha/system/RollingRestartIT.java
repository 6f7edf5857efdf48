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
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
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

    /**
     * Four clients posting a session each (two events) to the two session-service instances in
     * turn, without a pause, as the app does: a 503 is sent again, the same body, after its
     * {@code Retry-After}, until it is accepted.
     */
    private static final class Clients {
        private final List<ServiceProcess> sessions;
        private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        final Map<String, String> acknowledged = new ConcurrentHashMap<>(); // eventId -> user
        /** The starts of each person's accepted sessions (each: started, completed 8 minutes later, in UTC). */
        final Map<String, List<OffsetDateTime>> sessionsByUser = new ConcurrentHashMap<>();
        /** Answers other than 202 and 503-with-Retry-After (a 503 without it counts here too). */
        final List<String> failures = Collections.synchronizedList(new ArrayList<>());
        final List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        final List<Instant> unavailable = Collections.synchronizedList(new ArrayList<>());
        /** For each request that got a 503: how many retries it took to be accepted (-1: never). */
        final List<Integer> retriesTo202 = Collections.synchronizedList(new ArrayList<>());
        final AtomicInteger requests = new AtomicInteger();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final List<Thread> threads = new ArrayList<>();

        Clients(List<ServiceProcess> sessions, String prefix) {
            this.sessions = sessions;
            for (int c = 0; c < 4; c++) {
                int client = c;
                Thread t = new Thread(() -> {
                    for (int i = 0; running.get(); i++) {
                        String user = prefix + "-" + client + "-" + (i % 3);
                        List<String> ids = new ArrayList<>();
                        OffsetDateTime start = OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(30 + i % 600);
                        String body = sessionBody(start, ids);
                        if (send(sessions.get((client + i) % 2), user, body)) {
                            ids.forEach(id -> acknowledged.put(id, user));
                            sessionsByUser.computeIfAbsent(user, u -> Collections.synchronizedList(new ArrayList<>())).add(start);
                        }
                    }
                }, prefix + "-client-" + c);
                t.start();
                threads.add(t);
            }
        }

        /** One request and its retries after 503s; true once accepted. */
        private boolean send(ServiceProcess session, String user, String body) {
            for (int attempt = 0; attempt < 30; attempt++) {
                long t0 = System.nanoTime();
                HttpResponse<Void> r = post(http, session, user, body);
                latencies.add((System.nanoTime() - t0) / 1_000_000);
                requests.incrementAndGet();
                int status = r == null ? -1 : r.statusCode();
                if (status == 202) {
                    if (attempt > 0) {
                        retriesTo202.add(attempt);
                    }
                    return true;
                }
                var retryAfter = r == null ? java.util.Optional.<String>empty() : r.headers().firstValue("Retry-After");
                if (status != 503 || retryAfter.isEmpty()) {
                    failures.add(status + (status == 503 ? " without Retry-After" : "") + " at " + Instant.now());
                    return false;
                }
                unavailable.add(Instant.now());
                sleep(Duration.ofSeconds(Long.parseLong(retryAfter.get())));
            }
            retriesTo202.add(-1);
            return false;
        }

        void stop() throws InterruptedException {
            running.set(false);
            for (Thread t : threads) {
                t.join(90_000);
            }
        }

        long max() {
            return latencies.stream().mapToLong(Long::longValue).max().orElse(0);
        }

        long p99() {
            List<Long> sorted = latencies.stream().sorted().toList();
            return sorted.isEmpty() ? 0 : sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(sorted.size() * 0.99) - 1));
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void awaitBothInstancesAccept() {
        // Until the catalogue has reached both instances, a start is 422 (unknown routine): wait for 202s first.
        HttpClient http = HttpClient.newHttpClient();
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> services.subList(1, 3).stream().allMatch(s -> {
            HttpResponse<Void> r = post(http, s, "warm-up", sessionBody(OffsetDateTime.now(ZoneOffset.UTC).minusHours(1), new ArrayList<>()));
            return r != null && r.statusCode() == 202;
        }));
    }

    /** What a fault left: acknowledged events missing from the topic, events on it twice, insights' way back to lag 0, dead letters. */
    private record After(long lost, long duplicated, Duration lagToZero, long deadLetters) {

        /** Exactly once on the topic, nothing dead-lettered, every person's figures as the reference says. */
        void assertNothingLostOrDoubled(Clients clients) {
            assertThat(clients.acknowledged).hasSizeGreaterThan(50);
            assertThat(lost).as("acknowledged events missing from the topic").isZero();
            assertThat(duplicated).as("events on the topic twice").isZero();
            assertThat(deadLetters).isZero();
            assertProjectionsMatch(clients.sessionsByUser);
        }
    }

    private static After after(Clients clients) throws Exception {
        Map<String, Integer> onTopic = eventIdsOnTopic();
        long lost = clients.acknowledged.keySet().stream().filter(id -> !onTopic.containsKey(id)).count();
        long duplicated = onTopic.values().stream().filter(n -> n > 1).count();
        Instant t0 = Instant.now();
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(120)).until(() -> lag("insights-service", "practice-events") == 0);
        return new After(lost, duplicated, Duration.between(t0, Instant.now()), endOffsets("practice-events-dlq"));
    }

    @Test
    @Order(1)
    void aRollingRestartOfEveryBrokerIsInvisibleToThePeoplePractising() throws Exception {
        awaitBothInstancesAccept();
        Clients clients = new Clients(services.subList(1, 3), "roll");
        Thread.sleep(3_000);
        Instant rollStart = Instant.now();
        List<String> inSync = roll();
        Duration roll = Duration.between(rollStart, Instant.now());
        Thread.sleep(2_000);
        clients.stop();

        After after = after(clients);
        long lost = after.lost(), duplicated = after.duplicated(), deadLetters = after.deadLetters();
        Duration lagToZero = after.lagToZero();
        int unavailable = clients.unavailable.size();

        System.out.printf(Locale.ROOT, "rolling restart: %,d events in %,d requests over %d s, %d non-2xx, %d lost, %d duplicated, "
                        + "202 p99 %d ms; insights' lag 0 %d ms after the roll; %d dead letters; %s%n",
                clients.acknowledged.size(), clients.requests.get(), roll.toSeconds(), clients.failures.size() + unavailable,
                lost, duplicated, clients.p99(), lagToZero.toMillis(), deadLetters, String.join(", ", inSync));

        assertThat(clients.failures).as("answers other than 202 during the roll").isEmpty();
        assertThat(unavailable).as("503s during the roll").isZero();
        after.assertNothingLostOrDoubled(clients);
    }

    /**
     * The leader of the busiest practice-events partition is killed (SIGKILL: no controlled
     * shutdown, the controller learns of it only when the broker's session expires), then started
     * again. Requests waiting on that partition may run out of their budget: those are 503 with
     * Retry-After, and the same request sent again after it is accepted. Nothing acknowledged is
     * lost, nothing is on the topic twice.
     */
    @Test
    @Order(2)
    void aKilledLeaderCostsAtMostRetriedRequestsAndNothingAcknowledged() throws Exception {
        awaitBothInstancesAccept();
        Map<TopicPartition, Long> before = endOffsetsByPartition("practice-events");
        Clients clients = new Clients(services.subList(1, 3), "kill");
        Thread.sleep(5_000);
        Map<TopicPartition, Long> during = endOffsetsByPartition("practice-events");
        int busiest = during.keySet().stream().max(java.util.Comparator.comparingLong(tp -> during.get(tp) - before.getOrDefault(tp, 0L)))
                .orElseThrow().partition();
        int leader = cluster.leaderOf("practice-events", busiest);
        Instant killed = Instant.now();
        cluster.kill(leader);
        // Leadership moves once the controller has fenced the dead broker.
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> cluster.leaderOf("practice-events", busiest) != leader);
        Duration leaderless = Duration.between(killed, Instant.now());
        Thread.sleep(5_000);
        cluster.start(leader);
        Duration inSync = cluster.awaitInSync(Duration.ofSeconds(90));
        Thread.sleep(2_000);
        clients.stop();

        After after = after(clients);
        long lost = after.lost(), duplicated = after.duplicated(), deadLetters = after.deadLetters();
        Duration lagToZero = after.lagToZero();
        List<Instant> unavailable = List.copyOf(clients.unavailable);
        long window = unavailable.isEmpty() ? 0 : Duration.between(unavailable.get(0), unavailable.get(unavailable.size() - 1)).toMillis();
        int mostRetries = clients.retriesTo202.stream().mapToInt(Integer::intValue).max().orElse(0);

        System.out.printf(Locale.ROOT, "leader kill: node %d (leader of partition %d) killed, a new leader after %d ms; %,d events in %,d "
                        + "requests, %d answered 503 (%.1f%%, within %d ms), every one with Retry-After, %d of them accepted on a retry "
                        + "(at most %d retries), %d other non-2xx, %d lost, %d duplicated, 202 p99 %d ms, longest answer %d ms; back in sync %d ms after its "
                        + "start; insights' lag 0 %d ms after; %d dead letters%n",
                leader, busiest, leaderless.toMillis(), clients.acknowledged.size(), clients.requests.get(), unavailable.size(),
                100.0 * unavailable.size() / Math.max(1, clients.requests.get()), window,
                clients.retriesTo202.stream().filter(n -> n > 0).count(), mostRetries, clients.failures.size(), lost, duplicated,
                clients.p99(), clients.max(), inSync.toMillis(), lagToZero.toMillis(), deadLetters);

        assertThat(clients.failures).as("answers other than 202 or 503 with Retry-After").isEmpty();
        assertThat(clients.retriesTo202).as("503s whose retries were never accepted").doesNotContain(-1);
        after.assertNothingLostOrDoubled(clients);
    }

    @Test
    @Order(3)
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
            assertThat(post(http, services.get(1), "backlog-" + person, body.append("]").toString()).statusCode()).isEqualTo(202);
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

    /** Each person's streaks and weeks from insights-service equal the contract's definitions applied to their accepted sessions. */
    private static void assertProjectionsMatch(Map<String, List<OffsetDateTime>> sessionsByUser) {
        HttpClient http = HttpClient.newHttpClient();
        assertThat(sessionsByUser).isNotEmpty();
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            LocalDate today = LocalDate.now(ZoneOffset.UTC);
            for (var entry : sessionsByUser.entrySet()) {
                String token = SharedStack.token(entry.getKey());
                List<OffsetDateTime> starts = List.copyOf(entry.getValue());
                TreeSet<LocalDate> days = starts.stream().map(OffsetDateTime::toLocalDate).collect(Collectors.toCollection(TreeSet::new));
                JsonNode streak = getJson(http, "/v1/me/streak", token);
                assertThat(streak.path("longest").asInt()).as(entry.getKey() + " longest streak").isEqualTo(Streaks.longest(days));
                assertThat(streak.path("current").asInt()).as(entry.getKey() + " current streak").isEqualTo(Streaks.current(days, today));
                Map<String, Long> perWeek = starts.stream().collect(Collectors.groupingBy(s -> String.format(Locale.ROOT, "%d-W%02d",
                        s.get(IsoFields.WEEK_BASED_YEAR), s.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR)), Collectors.counting()));
                for (var week : perWeek.entrySet()) {
                    JsonNode progress = getJson(http, "/v1/me/progress/weekly?week=" + week.getKey(), token);
                    String what = entry.getKey() + " " + week.getKey();
                    assertThat(progress.path("sessions").path("started").asLong()).as(what + " started").isEqualTo(week.getValue());
                    assertThat(progress.path("sessions").path("completed").asLong()).as(what + " completed").isEqualTo(week.getValue());
                    assertThat(progress.path("minutes").asLong()).as(what + " minutes").isEqualTo(8 * week.getValue());
                }
            }
        });
    }

    private static JsonNode getJson(HttpClient http, String path, String token) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(services.get(3).url() + path))
                .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(path + " " + r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private static Map<TopicPartition, Long> endOffsetsByPartition(String topic) throws Exception {
        try (Admin admin = cluster.admin()) {
            Set<TopicPartition> partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions()
                    .stream().map(p -> new TopicPartition(topic, p.partition())).collect(Collectors.toSet());
            return admin.listOffsets(partitions.stream().collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest())))
                    .all().get().entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
        }
    }

    /** The answer to one post, or null when none came (refused connection, timeout). */
    private static HttpResponse<Void> post(HttpClient http, ServiceProcess session, String user, String body) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(session.url() + "/v1/events"))
                    .header("Authorization", "Bearer " + SharedStack.token(user)).header("Content-Type", "application/json")
                    .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.discarding());
        } catch (java.io.IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
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
        return endOffsetsByPartition(topic).values().stream().mapToLong(Long::longValue).sum();
    }

    private static long lag(String group, String topic) throws Exception {
        Map<TopicPartition, Long> end = endOffsetsByPartition(topic);
        try (Admin admin = cluster.admin()) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get();
            return end.keySet().stream().mapToLong(tp -> end.get(tp)
                    - (committed.get(tp) == null ? 0 : committed.get(tp).offset())).sum();
        }
    }
}
