package dev.sukha.session.api;

import dev.sukha.stack.Topics;
import dev.sukha.session.store.RoutineViewStore;
import dev.sukha.stack.LocalStackResource;
import dev.sukha.stack.SharedStack;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import static dev.sukha.session.api.Fixtures.ROUTINE;
import static dev.sukha.session.api.Fixtures.end;
import static dev.sukha.session.api.Fixtures.minutesAgo;
import static dev.sukha.session.api.Fixtures.pose;
import static dev.sukha.session.api.Fixtures.start;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;

@QuarkusTest
@QuarkusTestResource(LocalStackResource.class)
class EventApiTest {

    /** The management interface: health, metrics and the OpenAPI document are served there, not on the public port. */
    @io.quarkus.test.common.http.TestHTTPResource(value = "/", management = true)
    java.net.URL management;

    private static KafkaCompanion kafka;

    @Inject
    RoutineViewStore view;

    @Inject
    dev.sukha.session.store.EventClaims claims;

    @Inject
    dev.sukha.session.keys.PersonKeys keys;

    private String user;
    private String token;

    @BeforeAll
    static void kafka() {
        kafka = new KafkaCompanion(SharedStack.get().bootstrapServers());
    }

    @AfterAll
    static void close() {
        kafka.close();
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

    private Response post(Object body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body).when().post("/v1/events");
    }

    /** Every record on practice-events for a user, after the topic went quiet for a second. */
    private List<ConsumerRecord<String, String>> recordsOf(String userId, int expected) {
        ConsumerTask<String, String> task = kafka.consumeStrings().fromTopics(Topics.PRACTICE_EVENTS,
                records -> records.select().where(r -> r.key().equals(userId)));
        try {
            task.awaitRecords(expected, Duration.ofSeconds(20));
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() -> task.count() == expected);
            return task.getRecords();
        } finally {
            task.stop();
        }
    }

    @Test
    void aWholeSessionIsAcceptedAndOnTheTopicKeyedByUserInTheContractsShape() {
        UUID session = UUID.randomUUID();
        List<Map<String, Object>> events = Fixtures.session(session, 4, minutesAgo(30));
        post(events).then().statusCode(202)
                .body("results.status", everyItem(equalTo("ACCEPTED")))
                .body("results.eventId", contains(events.stream().map(e -> e.get("eventId")).toArray()));

        List<ConsumerRecord<String, String>> records = recordsOf(user, 6);
        assertThat(records).extracting(ConsumerRecord::key).containsOnly(user);
        // Sealed with the person's key: nothing of the session is readable without it.
        assertThat(records).allSatisfy(r -> assertThat(r.value()).doesNotContain("Europe/Paris", "routineVersion", "\"pain\""));
        List<String> opened = records.stream().map(r -> Contracts.opened(r.value())).toList();
        opened.forEach(v -> Contracts.assertValid(Contracts.PRACTICE_EVENT, v));
        assertThat(opened).allSatisfy(v -> assertThat(v).contains("\"routineVersion\":2", "\"stepCount\":4",
                "\"zone\":\"Europe/Paris\""));

        given().auth().oauth2(token).when().get("/v1/sessions/" + session).then().statusCode(200)
                .body("userId", equalTo(user)).body("routineVersion", equalTo(2))
                .body("end", equalTo("SESSION_COMPLETED")).body("eventIds", hasSize(6));
    }

    @Test
    void aRatedOrSkippedPoseIsRecordedWithItsStepsPoseSideAndGentlerOption() {
        String routine = "sided-" + UUID.randomUUID().toString().substring(0, 8);
        Fixtures.announceSidedRoutine(kafka, routine);
        await().atMost(Duration.ofSeconds(30)).until(() -> view.find(routine).isPresent());
        UUID session = UUID.randomUUID();
        var at = minutesAgo(20);
        Map<String, Object> left = pose("POSE_COMPLETED", session, 1, at.plusMinutes(2));
        left.put("discomfort", 7);
        Map<String, Object> right = pose("POSE_SKIPPED", session, 2, at.plusMinutes(3));
        right.put("reason", "pain");
        post(List.of(start(session, routine, null, "Europe/Paris", at), pose("POSE_COMPLETED", session, 0, at.plusMinutes(1)),
                left, right)).then().statusCode(202).body("results.status", everyItem(equalTo("ACCEPTED")));

        Map<Integer, Map<String, Object>> byStep = new java.util.TreeMap<>();
        for (ConsumerRecord<String, String> r : recordsOf(user, 4)) {
            String opened = Contracts.opened(r.value());
            Contracts.assertValid(Contracts.PRACTICE_EVENT, opened);
            Map<String, Object> value = io.restassured.path.json.JsonPath.from(opened).getMap("");
            if (value.get("step") != null) {
                byStep.put((Integer) value.get("step"), value);
            }
        }
        assertThat(byStep.get(0)).containsEntry("pose", "cat-cow").containsEntry("side", "none")
                .doesNotContainKeys("gentler", "discomfort", "reason");
        assertThat(byStep.get(1)).containsEntry("pose", "thread-the-needle").containsEntry("side", "left")
                .containsEntry("gentler", "Shoulder on a cushion").containsEntry("discomfort", 7);
        // The gentler option as routine-service resolved it (the pose's, the step having none): from versions[].steps.
        assertThat(byStep.get(2)).containsEntry("side", "right").containsEntry("reason", "pain")
                .containsEntry("gentler", "Shoulder on a cushion");
    }

    @Test
    void aRatingOnTheWrongEventIs422ByIndexAndFieldAndNothingIsRecorded() {
        UUID session = UUID.randomUUID();
        Map<String, Object> skipped = pose("POSE_SKIPPED", session, 1, minutesAgo(9));
        skipped.put("discomfort", 4);
        Map<String, Object> completed = pose("POSE_COMPLETED", session, 0, minutesAgo(9));
        completed.put("reason", "tired");
        post(List.of(start(session, ROUTINE, null, "Europe/Paris", minutesAgo(10)), completed, skipped)).then()
                .statusCode(422).contentType("application/problem+json")
                .body("errors.index", containsInAnyOrder(1, 2))
                .body("errors.field", containsInAnyOrder("reason", "discomfort"));
        given().auth().oauth2(token).when().get("/v1/sessions/" + session).then().statusCode(404);
    }

    @Test
    void aSingleEventObjectIsAccepted() {
        post(start(UUID.randomUUID(), ROUTINE, 1, "Asia/Kolkata", minutesAgo(1))).then().statusCode(202)
                .body("results", hasSize(1)).body("results[0].status", equalTo("ACCEPTED"));
    }

    @Test
    void resendingIsSafeAndChangingContentIsNot() {
        UUID session = UUID.randomUUID();
        Map<String, Object> start = start(session, ROUTINE, null, "UTC", minutesAgo(5));
        post(List.of(start)).then().statusCode(202).body("results[0].status", equalTo("ACCEPTED"));
        post(List.of(start, start)).then().statusCode(202).body("results.status", contains("DUPLICATE", "DUPLICATE"));

        Map<String, Object> changed = new java.util.HashMap<>(start);
        changed.put("pain", Map.of("neck", 1));
        post(List.of(changed)).then().statusCode(422).contentType("application/problem+json")
                .body("errors[0].index", equalTo(0)).body("errors[0].field", equalTo("eventId"));
        assertThat(recordsOf(user, 1)).hasSize(1);
    }

    @Test
    void aResendWithNewEventsSendsOnlyTheNewOnesAndAChangedOneAmongThemSendsAndKeepsNothing() {
        UUID session = UUID.randomUUID();
        Map<String, Object> start = start(session, ROUTINE, null, "UTC", minutesAgo(30));
        Map<String, Object> first = pose("POSE_COMPLETED", session, 0, minutesAgo(29));
        post(List.of(start, first)).then().statusCode(202);

        // Judged as new at first, found known when claimed, judged again: a changed event rejects the whole batch.
        Map<String, Object> changed = new java.util.HashMap<>(first);
        changed.put("step", 1);
        Map<String, Object> second = pose("POSE_COMPLETED", session, 1, minutesAgo(28));
        post(List.of(start, changed, second)).then().statusCode(422).contentType("application/problem+json")
                .body("errors.index", contains(1)).body("errors.field", contains("eventId"));

        // Nothing of the refused batch stays: its new event's id is free again, even for other content.
        second.put("step", 2);
        Map<String, Object> end = end("SESSION_COMPLETED", session, minutesAgo(20));
        post(List.of(start, first, second, end)).then().statusCode(202)
                .body("results.status", contains("DUPLICATE", "DUPLICATE", "ACCEPTED", "ACCEPTED"));
        assertThat(recordsOf(user, 4)).extracting(r -> r.value().replaceAll(".*\"eventId\":\"([^\"]+)\".*", "$1"))
                .containsExactlyInAnyOrder(java.util.stream.Stream.of(start, first, second, end).map(e -> e.get("eventId").toString())
                        .toArray(String[]::new));
    }

    @Test
    void aRequestWaitingForAnotherRequestsClaimThatGoesClaimsItAfreshAndSendsIt() throws Exception {
        post(start(UUID.randomUUID(), ROUTINE, null, "UTC", minutesAgo(16))).then().statusCode(202); // a warm service
        UUID session = UUID.randomUUID();
        Map<String, Object> start = start(session, ROUTINE, null, "UTC", minutesAgo(15));
        // Another request holds this very event (same person, same content) and is still at it.
        dev.sukha.session.domain.PracticeEvent event = dev.sukha.session.usecase.EventParser.parse(0,
                new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(start), java.time.Clock.systemUTC(), new ArrayList<>());
        var key = keys.forUser(user).get(10, java.util.concurrent.TimeUnit.SECONDS);
        String other = "another-request";
        claims.claim(List.of(new dev.sukha.session.store.EventClaims.NewEvent(event.eventId(), user, session,
                dev.sukha.session.store.EventClaims.digest(key.values(), event.eventId(), event.fingerprint()), key.keyId())),
                other, java.time.Instant.now()).get(10, java.util.concurrent.TimeUnit.SECONDS);

        // Its own thread: the common pool may have none free, and the request must be under way before the claim goes.
        ExecutorService client = Executors.newSingleThreadExecutor();
        java.util.concurrent.CompletableFuture<Response> answer;
        try {
            answer = java.util.concurrent.CompletableFuture.supplyAsync(() -> post(start), client);
            Thread.sleep(1_500);
        } finally {
            client.shutdown();
        }
        assertThat(answer).as("waiting for the other request's claim").isNotDone();
        // The other request is refused and forgets its claim: this one claims the event afresh (it used to wait out
        // sukha.claim.wait for a 503) and sends it, once.
        claims.forget(List.of(event.eventId()), other);
        answer.get(20, java.util.concurrent.TimeUnit.SECONDS).then().statusCode(202).body("results[0].status", equalTo("ACCEPTED"));
        assertThat(recordsOf(user, 2)).hasSize(2);
    }

    @Test
    void oneBadEventRejectsTheWholeBatchByIndexAndRecordsNothing() {
        UUID session = UUID.randomUUID();
        List<Map<String, Object>> events = new ArrayList<>(Fixtures.session(session, 4, minutesAgo(40)));
        Map<String, Object> badStep = new java.util.HashMap<>(events.get(2));
        badStep.put("step", 4);
        events.set(2, badStep);
        Map<String, Object> badPain = new java.util.HashMap<>(events.get(5));
        badPain.put("pain", Map.of("elbow", 3, "neck", 12));
        events.set(5, badPain);
        post(events).then().statusCode(422).contentType("application/problem+json")
                .body("errors.index", contains(2, 5, 5))
                .body("errors.field", contains("step", "pain.elbow", "pain.neck"));
        given().auth().oauth2(token).when().get("/v1/sessions/" + session).then().statusCode(404);
        // Fixed, the same batch goes through whole.
        events.set(2, Fixtures.pose("POSE_COMPLETED", session, 1, minutesAgo(38)));
        events.set(5, end("SESSION_COMPLETED", session, minutesAgo(30)));
        post(events).then().statusCode(202);
        assertThat(recordsOf(user, 6)).hasSize(6);
    }

    @Test
    void eachRuleHasItsError() {
        UUID session = UUID.randomUUID();
        Map<String, Object> unknownRoutine = start(UUID.randomUUID(), "no-such-routine", null, "UTC", minutesAgo(1));
        Map<String, Object> unknownVersion = start(UUID.randomUUID(), ROUTINE, 9, "UTC", minutesAgo(1));
        Map<String, Object> badZone = start(UUID.randomUUID(), ROUTINE, null, "Europe/Atlantis", minutesAgo(1));
        Map<String, Object> future = start(UUID.randomUUID(), ROUTINE, null, "UTC", minutesAgo(-10));
        Map<String, Object> old = start(UUID.randomUUID(), ROUTINE, null, "UTC", minutesAgo(61L * 24 * 60));
        Map<String, Object> orphan = pose("POSE_STARTED", session, 0, minutesAgo(1));
        Map<String, Object> badType = start(UUID.randomUUID(), ROUTINE, null, "UTC", minutesAgo(1));
        badType.put("type", "SESSION_PAUSED");
        post(List.of(unknownRoutine, unknownVersion, badZone, future, old, orphan, badType))
                .then().statusCode(422)
                .body("errors.index", contains(0, 1, 2, 3, 4, 5, 6))
                .body("errors.field", contains("routineId", "routineVersion", "zone", "occurredAt", "occurredAt",
                        "sessionId", "type"));
    }

    @Test
    void aSessionHasOneStartOneEndAndNothingAfter() {
        UUID session = UUID.randomUUID();
        post(List.of(start(session, ROUTINE, null, "UTC", minutesAgo(20)), end("SESSION_ABANDONED", session, minutesAgo(10))))
                .then().statusCode(202);
        post(start(session, ROUTINE, null, "UTC", minutesAgo(19))).then().statusCode(422)
                .body("errors[0].message", equalTo("this session was already started"));
        post(pose("POSE_COMPLETED", session, 1, minutesAgo(9))).then().statusCode(422)
                .body("errors[0].message", equalTo("this session has already ended"));
        post(end("SESSION_COMPLETED", session, minutesAgo(8))).then().statusCode(422);
    }

    @Test
    void anotherUsersSessionIs403AndRevealsNothing() {
        UUID session = UUID.randomUUID();
        post(start(session, ROUTINE, null, "UTC", minutesAgo(3))).then().statusCode(202);
        String intruder = SharedStack.token("intruder-" + UUID.randomUUID());
        Response answer = given().auth().oauth2(intruder).contentType(ContentType.JSON)
                .body(pose("POSE_STARTED", session, 0, minutesAgo(2))).when().post("/v1/events");
        answer.then().statusCode(403).contentType("application/problem+json");
        assertThat(answer.asString()).doesNotContain(user).doesNotContain(session.toString());
        // Starting it as theirs: the batch's sessions it starts are not read first, so claiming the start finds it
        // someone else's; the same 403, and the session stays as it was.
        String takeover = given().auth().oauth2(intruder).contentType(ContentType.JSON)
                .body(List.of(start(session, ROUTINE, null, "UTC", minutesAgo(2)), pose("POSE_STARTED", session, 0, minutesAgo(1))))
                .when().post("/v1/events").then().statusCode(403).contentType("application/problem+json").extract().asString();
        assertThat(takeover).doesNotContain(user).doesNotContain(session.toString());
        given().auth().oauth2(SharedStack.token("olga", "operator")).when().get("/v1/sessions/" + session)
                .then().statusCode(200).body("userId", equalTo(user)).body("eventIds.size()", equalTo(1));
        // Reading it: the same 404 as a session that does not exist.
        String missing = given().auth().oauth2(intruder).when().get("/v1/sessions/" + UUID.randomUUID())
                .then().statusCode(404).extract().path("detail");
        String others = given().auth().oauth2(intruder).when().get("/v1/sessions/" + session)
                .then().statusCode(404).extract().path("detail");
        assertThat(others.replace(session.toString(), "X")).isEqualTo(missing.replaceAll("[0-9a-f-]{36}", "X"));
        given().auth().oauth2(SharedStack.token("olga", "operator")).when().get("/v1/sessions/" + session)
                .then().statusCode(200).body("userId", equalTo(user));
    }

    @Test
    void moreThan500EventsIs413() {
        UUID session = UUID.randomUUID();
        List<Map<String, Object>> events = new ArrayList<>();
        for (int i = 0; i < 501; i++) {
            events.add(pose("POSE_STARTED", session, 0, minutesAgo(1)));
        }
        post(events).then().statusCode(413).contentType("application/problem+json");
    }

    @Test
    void aFullBatchOf500IsAccepted() {
        List<Map<String, Object>> events = new ArrayList<>();
        for (int s = 0; s < 100; s++) {
            UUID session = UUID.randomUUID();
            events.add(start(session, ROUTINE, null, "Europe/Paris", minutesAgo(1000 - s * 5L)));
            for (int step = 0; step < 3; step++) {
                events.add(pose("POSE_COMPLETED", session, step, minutesAgo(999 - s * 5L)));
            }
            events.add(end("SESSION_COMPLETED", session, minutesAgo(998 - s * 5L)));
        }
        Collections.shuffle(events);
        post(events).then().statusCode(202).body("results", hasSize(500))
                .body("results.status", everyItem(equalTo("ACCEPTED")));
        assertThat(recordsOf(user, 500)).hasSize(500);
    }

    @Test
    void concurrentResendsOfOneBatchPutEachEventOnTheTopicOnce() throws Exception {
        List<Map<String, Object>> batch = new ArrayList<>();
        for (int s = 0; s < 10; s++) {
            batch.addAll(Fixtures.session(UUID.randomUUID(), 4, minutesAgo(200 - s * 10L)));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Response>> answers = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                answers.add(pool.submit(() -> post(batch)));
            }
            for (Future<Response> answer : answers) {
                answer.get().then().statusCode(202);
            }
        } finally {
            pool.shutdownNow();
        }
        List<ConsumerRecord<String, String>> records = recordsOf(user, batch.size());
        Map<String, Long> perEvent = records.stream().collect(Collectors.groupingBy(
                r -> r.value().replaceAll(".*\"eventId\":\"([^\"]+)\".*", "$1"), Collectors.counting()));
        assertThat(perEvent).hasSize(batch.size());
        assertThat(perEvent.values()).containsOnly(1L);
    }

    @Test
    void malformedBodiesAre4xxProblems() {
        given().auth().oauth2(token).contentType(ContentType.JSON).body("[{\"eventId\": ").when().post("/v1/events")
                .then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(token).contentType(ContentType.JSON).body("42").when().post("/v1/events")
                .then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(token).contentType(ContentType.JSON).body("[]").when().post("/v1/events")
                .then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(token).contentType(ContentType.JSON).body("[1, \"x\", null]").when().post("/v1/events")
                .then().statusCode(422).body("errors.index", containsInAnyOrder(0, 1, 2));
        given().auth().oauth2(token).contentType(ContentType.XML).body("<event/>").when().post("/v1/events")
                .then().statusCode(415).contentType("application/problem+json");
        given().contentType(ContentType.JSON).body("{}").when().post("/v1/events")
                .then().statusCode(401).contentType("application/problem+json");
        given().auth().oauth2(token).when().get("/v1/nowhere")
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void operationsEndpointsAnswerWithoutAToken() {
        // Ready includes Kafka; after another test's broker restart it may take a few seconds to come back.
        await().atMost(Duration.ofSeconds(30)).until(() -> given().baseUri(management.getProtocol() + "://" + management.getAuthority()).get("/q/health/ready").statusCode() == 200);
        given().baseUri(management.getProtocol() + "://" + management.getAuthority()).when().get("/q/health/ready").then().statusCode(200)
                .body("checks.name", hasItems("SmallRye Reactive Messaging - readiness check"));
        given().baseUri(management.getProtocol() + "://" + management.getAuthority()).when().get("/q/openapi").then().statusCode(200);
        given().baseUri(management.getProtocol() + "://" + management.getAuthority()).when().get("/q/metrics").then().statusCode(200);
    }
}
