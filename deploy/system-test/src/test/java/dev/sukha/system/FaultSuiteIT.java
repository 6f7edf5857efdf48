package dev.sukha.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sukha.platform.sealing.TestSealer;
import dev.sukha.stack.SharedStack;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The promise "nothing acknowledged is lost", tested by breaking things on purpose while
 * clients post continuously and remember every event that got a 202: (a) the broker stops
 * and restarts, (b) insights-service is killed mid-batch and restarted, (c) the store
 * restarts, (d) poison records land on the topic, (e) every record is delivered twice, (f) a person
 * is erased while their sessions are being posted and consumed.
 * Two session-service instances share the work behind a round-robin client, which now and then
 * sends one session to both at once.
 * Then: every acknowledged event is on the topic exactly once, the projections equal a
 * plain recomputation from the acknowledged events, the poison is in the dead-letter topic,
 * and no request got a 5xx other than the documented 503; of the erased person nothing recorded
 * before the erasure can be read (their key is gone; their figures are those of what they
 * posted after it, as a new person), and nothing of anyone else's is lost.
 * <p>
 * Its own topics, databases and consumer groups (a routine view lives in its service's
 * database), so nothing else in the run changes what it counts.
 */
class FaultSuiteIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CLIENTS = 4;
    private static final int USERS_PER_CLIENT = 3;
    private static final String REDELIVERY = "sukha-fault";
    private static final List<String> ROUTINES = List.of("upper-back-quick", "neck-and-jaw");

    private final String run = "faults-" + System.currentTimeMillis();
    private final String eventsTopic = run + "-events";
    private final String dlqTopic = run + "-dlq";
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Instant now = Instant.now();

    /** Every event that got a 202 (id → user), and the sessions they make. */
    private final Map<String, String> acknowledged = new ConcurrentHashMap<>();
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final Stats stats = new Stats();
    private final AtomicBoolean posting = new AtomicBoolean(true);
    private final List<String> summary = Collections.synchronizedList(new ArrayList<>());
    /** Two session-service instances on one store and topic, behind a round-robin client. */
    private final List<ServiceProcess> sessionServices = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final AtomicInteger roundRobin = new AtomicInteger();
    private volatile ServiceProcess insights;
    private Map<String, Integer> steps;
    /** The person erased in (f), who posts each session in one request (so each is wholly before or after it). */
    private final String victim = run + "-erased";
    private final Map<String, Session> victimSessions = new ConcurrentHashMap<>();
    /** The victim's sessions by the event id of their start. */
    private final Map<String, String> victimStarts = new ConcurrentHashMap<>();
    private final AtomicBoolean victimPosting = new AtomicBoolean(true);
    private java.util.concurrent.Future<?> victimClient;

    record Session(String user, String routine, int steps, Instant start, Instant end, boolean completed,
                   int poses, int before, int after) {
    }

    /** What the clients saw, by status class. */
    static final class Stats {
        final AtomicInteger accepted = new AtomicInteger();
        final AtomicInteger unavailable = new AtomicInteger();
        /** 429s: a person past their write budget; sent again after Retry-After, as an app does. */
        final AtomicInteger limited = new AtomicInteger();
        final AtomicInteger unreachable = new AtomicInteger();
        final List<String> violations = Collections.synchronizedList(new ArrayList<>());

        int[] snapshot() {
            return new int[]{accepted.get(), unavailable.get(), unreachable.get(), violations.size()};
        }
    }

    @Test
    void nothingAcknowledgedIsLost() throws Exception {
        SharedStack.Info stack = SharedStack.get();
        ServiceProcess routines = RunningSystem.get().routines;
        createTopics(stack);
        steps = new HashMap<>();
        for (String routine : ROUTINES) {
            JsonNode r = JSON.readTree(get(routines.url() + "/v1/routines/" + routine, SharedStack.token("reader")).body());
            steps.put(routine, r.path("steps").size());
        }
        for (int i = 0; i < 2; i++) {
            sessionServices.add(ServiceProcess.start("session-service", Map.of(
                    "mp.messaging.outgoing.practice-events-out.topic", eventsTopic,
                    "mp.messaging.incoming.routines-in.group.id", run + "-sessions-routines",
                    "quarkus.mongodb.database", run + "-sessions")));
        }
        insights = startInsights();
        // session-service knows the routines once it has read the routines topic.
        String probe = run + "-probe";
        ObjectNode start = event(UUID.randomUUID().toString(), "SESSION_STARTED", now.minusSeconds(60))
                .put("routineId", ROUTINES.get(0)).put("zone", "UTC");
        for (ServiceProcess sessionService : sessionServices) {
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                    assertThat(http.send(HttpRequest.newBuilder(URI.create(sessionService.url() + "/v1/events"))
                            .header("Authorization", "Bearer " + SharedStack.token(probe)).header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(start.toString())).build(),
                            HttpResponse.BodyHandlers.ofString())).extracting(HttpResponse::statusCode, HttpResponse::body)
                            .first().isEqualTo(202));
        }
        acknowledged.put(start.path("eventId").asText(), probe);

        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS + 1);
        for (int c = 0; c < CLIENTS; c++) {
            int client = c;
            clients.submit(() -> postContinuously(client));
        }
        victimClient = clients.submit(this::postAsVictim);
        try {
            await().atMost(Duration.ofSeconds(60)).failFast(() -> !stats.violations.isEmpty())
                    .until(() -> stats.accepted.get() >= 300);
            fault("(a) broker stopped 12 s, restarted", () -> {
                SharedStack.stopBroker();
                Thread.sleep(12_000); // longer than the 10 s a request waits for Kafka: 503s, sends still on their way
                SharedStack.startBroker();
            });
            fault("(b) insights-service killed (SIGKILL) mid-batch, restarted", () -> {
                insights.kill();
                Thread.sleep(1_000);
                insights = startInsights();
            });
            fault("(c) store stopped 8 s, restarted", () -> {
                SharedStack.stopStore();
                Thread.sleep(8_000); // longer than session-service's 5 s server selection: 503s
                SharedStack.startStore();
            });
            fault("(d) 3 poison records on the topic", this::injectPoison);
            fault("(f) a person erased while their sessions are posted and consumed", this::eraseVictim);
        } catch (RuntimeException e) {
            throw new AssertionError("violations: " + stats.violations, e);
        } finally {
            posting.set(false);
            clients.shutdown();
            assertThat(clients.awaitTermination(120, TimeUnit.SECONDS)).as("clients finish their last retries").isTrue();
        }
        fault("(e) every record on the topic delivered a second time", this::redeliverEverything);

        awaitCaughtUp(stack);
        checkTopicHoldsEveryAcknowledgedEventOnce(stack);
        checkPoisonIsInTheDeadLetterTopic(stack);
        checkProjectionsEqualTheReference();
        checkNothingOfTheErasedIsReadable(stack);
        assertThat(stats.violations).as("answers other than 202 and the documented 503 and 429").isEmpty();

        summary.add(String.format("total: %d events acknowledged in %d sessions of %d people; %d × 503 with Retry-After, "
                        + "%d × 429 (past a person's budget, sent again), %d × connection refused (service restarting), "
                        + "0 lost, 0 duplicated, projections = reference",
                acknowledged.size(), sessions.size(), CLIENTS * USERS_PER_CLIENT, stats.unavailable.get(), stats.limited.get(),
                stats.unreachable.get()));
        summary.forEach(line -> System.out.println("FAULTS " + line));
        Path out = Path.of("target", "faults", "summary.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, summary.stream().map(l -> "- " + l).collect(Collectors.joining("\n", "", "\n")));
    }

    @org.junit.jupiter.api.AfterEach
    void stopServices() {
        if (insights != null) {
            insights.close();
        }
        sessionServices.forEach(ServiceProcess::close);
    }

    interface Fault {
        void run() throws Exception;
    }

    /** Runs a fault while the clients go on, then waits until requests are accepted again. */
    private void fault(String name, Fault fault) throws Exception {
        System.out.println("FAULTS " + Instant.now() + " " + name);
        int[] before = stats.snapshot();
        long t0 = System.nanoTime();
        fault.run();
        int target = stats.accepted.get() + (posting.get() ? 100 : 0);
        await().atMost(Duration.ofSeconds(90)).failFast(() -> !stats.violations.isEmpty())
                .until(() -> stats.accepted.get() >= target);
        int[] after = stats.snapshot();
        summary.add(String.format("%s: recovered in %.1f s; meanwhile %d events acknowledged, %d × 503, %d × refused, %d violations",
                name, (System.nanoTime() - t0) / 1e9, after[0] - before[0], after[1] - before[1], after[2] - before[2],
                after[3] - before[3]));
    }

    private ServiceProcess startInsights() {
        return ServiceProcess.start("insights-service", Map.of(
                "mp.messaging.incoming.practice-events-in.topic", eventsTopic,
                "mp.messaging.incoming.practice-events-in.group.id", run,
                "mp.messaging.outgoing.practice-events-dlq-out.topic", dlqTopic,
                "mp.messaging.incoming.routines-in.group.id", run + "-insights-routines",
                "quarkus.mongodb.database", run + "-insights"));
    }

    // --- the clients ---------------------------------------------------------------------

    /** One client: its people practise session after session, each posted in one to three requests. */
    private void postContinuously(int client) {
        Random random = new Random(client);
        try {
            while (posting.get()) {
                String user = run + "-u" + client + "-" + random.nextInt(USERS_PER_CLIENT);
                String routine = ROUTINES.get(random.nextInt(ROUTINES.size()));
                int n = steps.get(routine);
                // Days 0..20 ago, morning UTC, never in the future.
                Instant start = now.truncatedTo(ChronoUnit.DAYS).minus(random.nextInt(21), ChronoUnit.DAYS)
                        .plus(6 * 60 + random.nextInt(120), ChronoUnit.MINUTES);
                if (start.isAfter(now.minus(30, ChronoUnit.MINUTES))) {
                    start = now.minus(30, ChronoUnit.MINUTES);
                }
                boolean completed = random.nextInt(5) > 0;
                int poses = completed ? n : random.nextInt(n + 1);
                int before = 3 + random.nextInt(6);
                int after = Math.max(0, before - 3 + random.nextInt(5));
                Instant end = start.plus(5 + random.nextInt(20), ChronoUnit.MINUTES);
                String sessionId = UUID.randomUUID().toString();
                Session s = new Session(user, routine, n, start, end, completed, poses, before, after);

                List<ObjectNode> events = sessionEvents(sessionId, s);

                // As an app does: the start online, the rest in one or two syncs; sometimes a whole session offline.
                List<List<ObjectNode>> requests = new ArrayList<>();
                if (random.nextInt(4) == 0) {
                    requests.add(events);
                } else {
                    requests.add(List.of(events.get(0)));
                    int cut = 1 + random.nextInt(events.size() - 1);
                    requests.add(events.subList(1, cut));
                    requests.add(events.subList(cut, events.size()));
                }
                for (List<ObjectNode> request : requests) {
                    if (!request.isEmpty() && !postUntilAccepted(user, request)) {
                        return;
                    }
                }
                sessions.put(sessionId, s);
                if (random.nextInt(10) == 0) {
                    postUntilAccepted(user, events); // a client resending what it already sent
                }
                if (random.nextInt(10) == 0) {
                    // The same session sent again to both instances at once: each event still goes on the topic once.
                    var twice = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                        try {
                            return postUntilAccepted(user, events);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            return false;
                        }
                    });
                    postUntilAccepted(user, events);
                    twice.join();
                }
                Thread.sleep(5);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            stats.violations.add("client " + client + " failed: " + e);
        }
    }

    /** The victim's client: whole sessions, one request each, until the erasure. */
    private void postAsVictim() {
        Random random = new Random(99);
        try {
            while (posting.get() && victimPosting.get()) {
                String routine = ROUTINES.get(random.nextInt(ROUTINES.size()));
                int n = steps.get(routine);
                Instant start = now.truncatedTo(ChronoUnit.DAYS).minus(random.nextInt(14), ChronoUnit.DAYS)
                        .plus(6 * 60 + random.nextInt(120), ChronoUnit.MINUTES);
                if (start.isAfter(now.minus(30, ChronoUnit.MINUTES))) {
                    start = now.minus(30, ChronoUnit.MINUTES);
                }
                int before = 3 + random.nextInt(6);
                int after = Math.max(0, before - 3 + random.nextInt(5));
                Instant end = start.plus(5 + random.nextInt(20), ChronoUnit.MINUTES);
                String sessionId = UUID.randomUUID().toString();
                Session session = new Session(victim, routine, n, start, end, true, n, before, after);
                List<ObjectNode> events = sessionEvents(sessionId, session);
                if (!postUntilAccepted(victim, events)) {
                    return;
                }
                victimSessions.put(sessionId, session);
                victimStarts.put(events.get(0).path("eventId").asText(), sessionId);
                Thread.sleep(20);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            stats.violations.add("the victim's client failed: " + e);
        }
    }

    /** (f): an operator erases the victim while their client posts and insights consumes; they stop posting once it answers. */
    private void eraseVictim() throws Exception {
        await().atMost(Duration.ofSeconds(60)).until(() -> victimSessions.size() >= 5);
        HttpResponse<String> erased = http.send(HttpRequest.newBuilder(URI.create(insights.url() + "/v1/users/" + victim))
                .header("Authorization", "Bearer " + SharedStack.token("olga", "operator")).timeout(Duration.ofSeconds(30))
                .DELETE().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(erased.statusCode()).as(erased.body()).isEqualTo(202);
        long answered = System.nanoTime();
        victimPosting.set(false);
        victimClient.get(60, TimeUnit.SECONDS);
        // Within the contract's 10 seconds of the answer, nothing from before the erasure is counted: at most the
        // sessions posted after it (which the consumer may still be taking in; they are checked exactly at the end).
        Map<String, Session> newLife = victimsNewLife(SharedStack.get());
        String token = SharedStack.token(victim);
        await().atMost(Duration.ofNanos(Math.max(1, answered + Duration.ofSeconds(10).toNanos() - System.nanoTime())))
                .pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
                    JsonNode relief = JSON.readTree(get(insights.url() + "/v1/me/routines/relief", token).body());
                    int counted = 0;
                    for (JsonNode r : relief) {
                        counted += r.path("sessions").asInt();
                    }
                    assertThat(counted).as("sessions counted for the erased person").isLessThanOrEqualTo(newLife.size());
                    JsonNode export = JSON.readTree(get(insights.url() + "/v1/me/export", token).body());
                    assertThat(export.path("events").size()).as("events exported").isLessThanOrEqualTo(newLife.values().stream()
                            .mapToInt(v -> v.poses() + 2).sum());
                });
        System.out.printf("FAULTS erased person: nothing from before the erasure readable %d ms after its answer%n",
                (System.nanoTime() - answered) / 1_000_000);
        summary.add(String.format("(f) detail: %d sessions of the erased person before the erasure, %d after it (a new person)",
                victimSessions.size() - newLife.size(), newLife.size()));
    }

    /** The victim's sessions sealed with their live key: posted after the erasure, by the person they are now. */
    private Map<String, Session> victimsNewLife(SharedStack.Info stack) throws IOException {
        String live = liveKeyId(stack, victim);
        Map<String, Session> newLife = new HashMap<>();
        for (ConsumerRecord<String, byte[]> r : readAll(eventsTopic)) {
            if (victim.equals(r.key())) {
                JsonNode e = JSON.readTree(r.value());
                String session = victimStarts.get(e.path("eventId").asText());
                if (session != null && e.path("keyId").asText().equals(live)) {
                    newLife.put(session, victimSessions.get(session));
                }
            }
        }
        return newLife;
    }

    private static String liveKeyId(SharedStack.Info stack, String user) {
        try (var mongo = com.mongodb.client.MongoClients.create(stack.mongoConnectionString())) {
            org.bson.Document key = mongo.getDatabase("sukha-keys").getCollection("person_keys")
                    .find(com.mongodb.client.model.Filters.eq("_id", user)).first();
            return key == null ? null : key.getString("keyId");
        }
    }

    /** A session's events: its start (pain before), its completed poses, its end (pain after). */
    private List<ObjectNode> sessionEvents(String sessionId, Session s) {
        List<ObjectNode> events = new ArrayList<>();
        events.add(event(sessionId, "SESSION_STARTED", s.start()).put("routineId", s.routine()).put("zone", "UTC"));
        events.get(0).set("pain", JSON.createObjectNode().put("neck", s.before()));
        for (int i = 0; i < s.poses(); i++) {
            events.add(event(sessionId, "POSE_COMPLETED", s.start().plusSeconds(30L * (i + 1))).put("step", i));
        }
        ObjectNode last = event(sessionId, s.completed() ? "SESSION_COMPLETED" : "SESSION_ABANDONED", s.end());
        last.set("pain", JSON.createObjectNode().put("neck", s.after()));
        events.add(last);
        return events;
    }

    private ObjectNode event(String sessionId, String type, Instant at) {
        return JSON.createObjectNode().put("eventId", UUID.randomUUID().toString()).put("type", type)
                .put("sessionId", sessionId).put("occurredAt", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(at.atOffset(ZoneOffset.UTC)));
    }

    /** Posts until a 202, as the app does: a 503 or a refused connection means "retry the same request later". */
    private boolean postUntilAccepted(String user, List<ObjectNode> events) throws InterruptedException {
        ArrayNode body = JSON.createArrayNode().addAll(events);
        String token = SharedStack.token(user);
        for (int attempt = 0; attempt < 300; attempt++) {
            ServiceProcess target = sessionServices.get(Math.floorMod(roundRobin.getAndIncrement(), sessionServices.size()));
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(target.url() + "/v1/events"))
                        .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 202) {
                    JsonNode results = JSON.readTree(r.body()).path("results");
                    for (int i = 0; i < events.size(); i++) {
                        String status = results.path(i).path("status").asText();
                        if (!results.path(i).path("eventId").asText().equals(events.get(i).path("eventId").asText())
                                || !(status.equals("ACCEPTED") || status.equals("DUPLICATE"))) {
                            stats.violations.add("202 with a wrong result for event " + i + ": " + r.body());
                        }
                        acknowledged.put(events.get(i).path("eventId").asText(), user);
                    }
                    stats.accepted.addAndGet(events.size());
                    return true;
                }
                boolean comeBack = r.headers().firstValue("Retry-After").isPresent()
                        && r.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json");
                if (r.statusCode() == 503 && comeBack) {
                    stats.unavailable.incrementAndGet();
                } else if (r.statusCode() == 429 && comeBack) {
                    // Nothing was recorded; the very same request goes again (and must then be ACCEPTED or DUPLICATE).
                    stats.limited.incrementAndGet();
                    Thread.sleep(1000L * Integer.parseInt(r.headers().firstValue("Retry-After").get()));
                } else {
                    stats.violations.add(r.statusCode() + " " + r.body());
                    return false;
                }
            } catch (IOException e) {
                stats.unreachable.incrementAndGet();
            }
            Thread.sleep(200);
        }
        stats.violations.add("no 202 after 300 attempts");
        return false;
    }

    // --- the faults that act on the topic -------------------------------------------------

    private void injectPoison() throws Exception {
        try (KafkaProducer<String, byte[]> producer = producer()) {
            producer.send(new ProducerRecord<>(eventsTopic, run + "-poison-0", "{not json".getBytes(StandardCharsets.UTF_8))).get();
            producer.send(new ProducerRecord<>(eventsTopic, run + "-poison-1",
                    "{\"schemaVersion\":1,\"type\":\"SESSION_STARTED\"}".getBytes(StandardCharsets.UTF_8))).get();
            producer.send(new ProducerRecord<>(eventsTopic, run + "-poison-2", new byte[]{(byte) 0xC3, 0x28, 0x00})).get();
        }
    }

    private void redeliverEverything() throws Exception {
        List<ConsumerRecord<String, byte[]>> records = readAll(eventsTopic);
        try (KafkaProducer<String, byte[]> producer = producer()) {
            for (ConsumerRecord<String, byte[]> r : records) {
                if (!r.key().startsWith(run + "-poison")) {
                    ProducerRecord<String, byte[]> copy = new ProducerRecord<>(eventsTopic, r.key(), r.value());
                    copy.headers().add(REDELIVERY, "redelivery".getBytes(StandardCharsets.UTF_8));
                    producer.send(copy);
                }
            }
            producer.flush();
        }
    }

    // --- the checks -----------------------------------------------------------------------

    private void awaitCaughtUp(SharedStack.Info stack) {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", stack.bootstrapServers()))) {
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).until(() -> {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(run)
                        .partitionsToOffsetAndMetadata().get();
                Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
                for (int p = 0; p < 6; p++) {
                    latest.put(new TopicPartition(eventsTopic, p), OffsetSpec.latest());
                }
                var ends = admin.listOffsets(latest).all().get();
                return ends.entrySet().stream().allMatch(e -> e.getValue().offset() == 0
                        || (committed.get(e.getKey()) != null && committed.get(e.getKey()).offset() >= e.getValue().offset()));
            });
        }
    }

    private void checkTopicHoldsEveryAcknowledgedEventOnce(SharedStack.Info stack) throws Exception {
        Map<String, Integer> copies = new HashMap<>();
        Map<String, List<String>> where = new HashMap<>();
        for (ConsumerRecord<String, byte[]> r : readAll(eventsTopic)) {
            if (r.key().startsWith(run + "-poison") || r.headers().lastHeader(REDELIVERY) != null) {
                continue;
            }
            JsonNode e = JSON.readTree(r.value());
            copies.merge(e.path("eventId").asText(), 1, Integer::sum);
            where.computeIfAbsent(e.path("eventId").asText(), k -> new ArrayList<>())
                    .add(r.partition() + "@" + r.offset() + " " + Instant.ofEpochMilli(r.timestamp()));
            assertThat(r.key()).as("key = user id").isEqualTo(e.path("userId").asText());
        }
        Map<String, List<String>> duplicated = copies.entrySet().stream().filter(e -> e.getValue() > 1)
                .collect(Collectors.toMap(Map.Entry::getKey, e -> where.get(e.getKey())));
        Set<String> lost = new TreeSet<>(acknowledged.keySet());
        lost.removeAll(copies.keySet());
        assertThat(lost).as("acknowledged but not on the topic").isEmpty();
        assertThat(duplicated).as("on the topic more than once").isEmpty();
        assertThat(copies.keySet()).as("on the topic but never acknowledged").isEqualTo(acknowledged.keySet());
    }

    private void checkPoisonIsInTheDeadLetterTopic(SharedStack.Info stack) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Map<String, String> reasons = new HashMap<>();
            for (ConsumerRecord<String, byte[]> r : readAll(dlqTopic)) {
                Header reason = r.headers().lastHeader("dlq-reason");
                if (r.key() != null && r.key().startsWith(run + "-poison")) {
                    reasons.put(r.key(), reason == null ? null : new String(reason.value(), StandardCharsets.UTF_8));
                }
            }
            assertThat(reasons).as("poison in the dead-letter topic, with a reason").hasSize(3).doesNotContainValue(null);
        });
    }

    /** Figures per person from insights-service against the contract's definitions applied to the acknowledged events. */
    private void checkProjectionsEqualTheReference() {
        Map<String, List<Session>> byUser = sessions.values().stream().collect(Collectors.groupingBy(Session::user));
        LocalDate today = LocalDate.ofInstant(Instant.now(), ZoneOffset.UTC);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            for (var entry : byUser.entrySet()) {
                assertMatchesReference(entry.getKey(), entry.getValue(), today);
            }
        });
    }

    /**
     * After everything: the erased person's records are all sealed and those from before the
     * erasure open with no key that exists; session-service keeps nothing of them; their figures
     * are those of their new life only (after a redelivery of every record, too).
     */
    private void checkNothingOfTheErasedIsReadable(SharedStack.Info stack) throws Exception {
        String live = liveKeyId(stack, victim);
        Set<String> keyIds = new TreeSet<>();
        int records = 0;
        for (ConsumerRecord<String, byte[]> r : readAll(eventsTopic)) {
            if (victim.equals(r.key())) {
                String value = new String(r.value(), StandardCharsets.UTF_8);
                TestSealer.assertSealedWithout(value, "neck", "pain", "occurredAt");
                keyIds.add(JSON.readTree(value).path("keyId").asText());
                records++;
            }
        }
        keyIds.remove(live);
        assertThat(keyIds).as("the erased person's keys: sealed records of theirs exist, and no key for them").isNotEmpty();
        try (var mongo = com.mongodb.client.MongoClients.create(stack.mongoConnectionString())) {
            assertThat(mongo.getDatabase("sukha-keys").getCollection("person_keys")
                    .countDocuments(com.mongodb.client.model.Filters.in("keyId", keyIds))).isZero();
            var claims = mongo.getDatabase(run + "-sessions").getCollection("events");
            var notLive = live == null ? com.mongodb.client.model.Filters.empty() : com.mongodb.client.model.Filters.ne("keyId", live);
            await().atMost(Duration.ofSeconds(10)).until(() -> claims.countDocuments(com.mongodb.client.model.Filters.and(
                    com.mongodb.client.model.Filters.eq("userId", victim), notLive)) == 0);
        }
        Map<String, Session> newLife = victimsNewLife(stack);
        assertMatchesReference(victim, List.copyOf(newLife.values()), LocalDate.ofInstant(Instant.now(), ZoneOffset.UTC));
        summary.add(String.format("(f) the erased person: %d records on the topic, all sealed; %d erased key(s), none in the store; "
                + "figures = their %d session(s) after the erasure", records, keyIds.size(), newLife.size()));
    }

    /** One person's figures from insights-service against the contract's definitions applied to their sessions. */
    private void assertMatchesReference(String user, List<Session> mine, LocalDate today) throws Exception {
        String token = SharedStack.token(user);
        JsonNode streak = JSON.readTree(get(insights.url() + "/v1/me/streak", token).body());
        TreeSet<LocalDate> days = new TreeSet<>();
        for (Session s : mine) {
            if (s.completed() || s.poses() * 2 >= s.steps()) {
                days.add(LocalDate.ofInstant(s.start(), ZoneOffset.UTC));
            }
        }
        assertThat(streak.path("longest").asInt()).as(user + " longest streak").isEqualTo(Streaks.longest(days));
        assertThat(streak.path("current").asInt()).as(user + " current streak").isEqualTo(Streaks.current(days, today));

        for (int w = 0; w < 3; w++) {
            LocalDate monday = today.minusWeeks(w).with(java.time.DayOfWeek.MONDAY);
            String week = String.format("%d-W%02d", monday.get(IsoFields.WEEK_BASED_YEAR), monday.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
            JsonNode progress = JSON.readTree(get(insights.url() + "/v1/me/progress/weekly?week=" + week, token).body());
            List<Session> in = mine.stream().filter(s -> {
                LocalDate d = LocalDate.ofInstant(s.start(), ZoneOffset.UTC);
                return !d.isBefore(monday) && !d.isAfter(monday.plusDays(6));
            }).toList();
            String what = user + " " + week;
            assertThat(progress.path("sessions").path("started").asInt()).as(what + " started").isEqualTo(in.size());
            assertThat(progress.path("sessions").path("completed").asInt()).as(what + " completed")
                    .isEqualTo((int) in.stream().filter(Session::completed).count());
            assertThat(progress.path("posesCompleted").asInt()).as(what + " poses").isEqualTo(in.stream().mapToInt(Session::poses).sum());
            assertThat(progress.path("minutes").asLong()).as(what + " minutes")
                    .isEqualTo(in.stream().mapToLong(s -> Duration.between(s.start(), s.end()).toMinutes()).sum());
        }

        JsonNode relief = JSON.readTree(get(insights.url() + "/v1/me/routines/relief", token).body());
        Map<String, String> expected = new TreeMap<>();
        mine.stream().collect(Collectors.groupingBy(Session::routine)).forEach((routine, list) -> expected.put(routine,
                list.size() + " " + BigDecimal.valueOf(list.stream().mapToLong(s -> s.before() - s.after()).sum())
                        .divide(BigDecimal.valueOf(list.size()), 2, RoundingMode.HALF_UP).doubleValue()));
        Map<String, String> actual = new TreeMap<>();
        relief.forEach(r -> actual.put(r.path("routineId").asText(), r.path("sessions").asInt() + " " + r.path("avgRelief").asDouble()));
        assertThat(actual).as(user + " relief by routine").isEqualTo(expected);
    }

    // --- plumbing -------------------------------------------------------------------------

    private HttpResponse<String> get(String url, String token) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(url + " " + r.body()).isEqualTo(200);
        return r;
    }

    private void createTopics(SharedStack.Info stack) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", stack.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(eventsTopic, 6, (short) 1), new NewTopic(dlqTopic, 1, (short) 1))).all().get();
        }
    }

    private KafkaProducer<String, byte[]> producer() {
        return new KafkaProducer<>(Map.of("bootstrap.servers", SharedStack.get().bootstrapServers(), "acks", "all"),
                new StringSerializer(), new ByteArraySerializer());
    }

    private List<ConsumerRecord<String, byte[]>> readAll(String topic) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                "bootstrap.servers", SharedStack.get().bootstrapServers(), "enable.auto.commit", "false"),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
            }
            return records;
        }
    }
}
