package dev.sukha.insights.api;

import dev.sukha.stack.Topics;
import dev.sukha.stack.LocalStackResource;
import dev.sukha.stack.SharedStack;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

@QuarkusTest
@QuarkusTestResource(LocalStackResource.class)
class InsightsApiTest {

    /** The management interface: health, metrics and the OpenAPI document are served there, not on the public port. */
    @io.quarkus.test.common.http.TestHTTPResource(value = "/", management = true)
    java.net.URL management;

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static KafkaCompanion kafka;

    @BeforeAll
    static void kafka() {
        kafka = new KafkaCompanion(SharedStack.get().bootstrapServers());
    }

    @AfterAll
    static void close() {
        kafka.close();
    }

    private static OffsetDateTime daysAgoAt(int days, int hour) {
        return LocalDate.now(PARIS).minusDays(days).atTime(hour, 0).atZone(PARIS).toOffsetDateTime();
    }

    @Test
    void aStreakShowsUpFromTheTopicWhateverTheOrderAndDuplicates() {
        String user = "streak-" + UUID.randomUUID();
        Events events = new Events(user);
        for (int d = 0; d < 3; d++) {
            events.session("upper-back-release", 4, "Europe/Paris", daysAgoAt(d, 7), 20, 4, "SESSION_COMPLETED",
                    Map.of("upper_back", 6), Map.of("upper_back", 3));
        }
        // Three days ago: abandoned after one of four steps, which does not count.
        events.session("upper-back-release", 4, "Europe/Paris", daysAgoAt(3, 7), 5, 1, "SESSION_ABANDONED", null, null);
        List<ProducerRecord<String, String>> shuffled = new ArrayList<>(events.records());
        shuffled.addAll(events.records().subList(0, 5));
        Collections.shuffle(shuffled);
        kafka.produceStrings().fromRecords(shuffled).awaitCompletion();

        String token = SharedStack.token(user);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                given().auth().oauth2(token).queryParam("zone", "Europe/Paris").when().get("/v1/me/streak")
                        .then().statusCode(200).body("current", equalTo(3)));
        given().auth().oauth2(token).queryParam("zone", "Europe/Paris").when().get("/v1/me/streak")
                .then().body("longest", equalTo(3)).body("practicedToday", equalTo(true))
                .body("today", equalTo(LocalDate.now(PARIS).toString()))
                .body("lastPracticeDay", equalTo(LocalDate.now(PARIS).toString()))
                .body("goalDays", equalTo(5));

        given().auth().oauth2(token).when().get("/v1/me/progress/weekly").then().statusCode(200)
                .body("zone", equalTo("Europe/Paris"))
                .body("pain.avgBefore", notNullValue())
                .body("start", notNullValue());
        given().auth().oauth2(token).when().get("/v1/me/routines/relief").then().statusCode(200)
                .body("[0].routineId", equalTo("upper-back-release"))
                .body("[0].sessions", equalTo(3))
                .body("[0].avgRelief", equalTo(3.0f))
                .body("[0].meaningfulShare", equalTo(1.0f));
        given().auth().oauth2(token).queryParam("weeks", 4).queryParam("area", "upper_back")
                .when().get("/v1/me/pain-trend").then().statusCode(200)
                .body("weeks", hasSize(4)).body("alerts", hasSize(0));
    }

    @Test
    void weeklyProgressCountsTheWeekInThePersonsCalendar() {
        String user = "weekly-" + UUID.randomUUID();
        // Monday 2026-11-16 to Sunday 2026-11-22 in Auckland.
        OffsetDateTime monday = OffsetDateTime.of(2026, 11, 16, 6, 30, 0, 0, ZoneOffset.ofHours(13));
        new Events(user)
                .session("neck-and-jaw", 5, "Pacific/Auckland", monday, 12, 5, "SESSION_COMPLETED", Map.of("neck", 6, "jaw", 4), Map.of("neck", 3, "jaw", 4))
                .session("neck-and-jaw", 5, "Pacific/Auckland", monday.plusDays(2), 200, 3, "SESSION_ABANDONED", Map.of("neck", 5), Map.of("neck", 4))
                .session("neck-and-jaw", 5, "Pacific/Auckland", monday.plusDays(3), 10, 0, null, null, null)
                // Sunday 23:30 in Auckland: still this week there.
                .session("desk-reset", 4, "Pacific/Auckland", monday.plusDays(6).withHour(23).withMinute(30), 10, 4, "SESSION_COMPLETED", null, null)
                .send(kafka);
        String token = SharedStack.token(user);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                given().auth().oauth2(token).queryParam("week", "2026-W47").when().get("/v1/me/progress/weekly")
                        .then().statusCode(200).body("sessions.started", equalTo(4)));
        given().auth().oauth2(token).queryParam("week", "2026-W47").when().get("/v1/me/progress/weekly")
                .then().body("week", equalTo("2026-W47"))
                .body("start", equalTo("2026-11-16")).body("end", equalTo("2026-11-22"))
                .body("daysPracticed", contains("2026-11-16", "2026-11-18", "2026-11-22"))
                .body("goalMet", equalTo(false))
                .body("sessions.completed", equalTo(2)).body("sessions.abandoned", equalTo(1))
                // 12 + 180 (capped) + 10 minutes; the unended session counts nothing.
                .body("minutes", equalTo(202))
                .body("posesCompleted", equalTo(12))
                .body("pain.sessions", equalTo(2))
                .body("pain.meaningful", equalTo(0))
                .body("pain.byArea.neck.sessions", equalTo(2))
                .body("pain.byArea.jaw.avgRelief", equalTo(0.0f));
    }

    @Test
    void aSafetyAlertWhenPainGetsWorse() {
        String user = "alert-" + UUID.randomUUID();
        new Events(user)
                .session("core-support", 4, "UTC", daysAgoAt(3, 8), 15, 4, "SESSION_COMPLETED", Map.of("lower_back", 3), Map.of("lower_back", 6))
                .session("core-support", 4, "UTC", daysAgoAt(2, 8), 15, 4, "SESSION_COMPLETED", Map.of("lower_back", 4), Map.of("lower_back", 4))
                .session("core-support", 4, "UTC", daysAgoAt(1, 8), 15, 4, "SESSION_COMPLETED", Map.of("lower_back", 4), Map.of("lower_back", 7))
                .send(kafka);
        String token = SharedStack.token(user);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                given().auth().oauth2(token).when().get("/v1/me/pain-trend").then().statusCode(200)
                        .body("alerts", hasSize(1)));
        given().auth().oauth2(token).when().get("/v1/me/pain-trend").then()
                .body("alerts[0].type", equalTo("PAIN_WORSENING"))
                .body("alerts[0].advice", notNullValue())
                .body("weeks", hasSize(8));
    }

    @Test
    void howEachPoseFeltItsSidesAndAPoseThatKeepsHurting() {
        String user = "feel-" + UUID.randomUUID();
        String pose = "lunge-" + UUID.randomUUID().toString().substring(0, 8);
        // The pose library's name and areas come from the routines topic.
        kafka.produceStrings().fromRecords(new ProducerRecord<>(Topics.ROUTINES, "lunges", """
                {"schemaVersion":1,"id":"lunges","version":1,"title":"Lunges","summary":"s","focus":["hips"],"level":"gentle",
                 "space":["mat"],"minutes":2,"safety":[],"steps":[{"pose":"%1$s","side":"left","hold":{"breaths":5}},
                 {"pose":"%1$s","side":"right","hold":{"breaths":5}}],"publishedAt":"2026-11-01T10:00:00Z",
                 "versions":[{"version":1,"stepCount":2}],"poses":[{"id":"%1$s","name":"Low lunge","areas":["hips","knees"]}]}"""
                .formatted(pose))).awaitCompletion();
        new Events(user)
                .feltSession("lunges", pose, daysAgoAt(4, 8), 6, 2)
                .feltSession("lunges", pose, daysAgoAt(3, 8), 5, 2)
                .feltSession("lunges", pose, daysAgoAt(2, 8), 7, 3)
                .feltSession("lunges", pose, daysAgoAt(1, 8), 8, null)
                .send(kafka);
        String token = SharedStack.token(user);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                given().auth().oauth2(token).when().get("/v1/me/poses/discomfort").then().statusCode(200)
                        .body("[0].ratings", equalTo(7)).body("[0].name", equalTo("Low lunge")));
        given().auth().oauth2(token).when().get("/v1/me/poses/discomfort?weeks=2").then().statusCode(200)
                .body("", hasSize(1))
                .body("[0].pose", equalTo(pose))
                .body("[0].avgDiscomfort", equalTo(4.71f))
                .body("[0].skippedForPain", equalTo(1))
                .body("[0].bySide.left.ratings", equalTo(4)).body("[0].bySide.left.avgDiscomfort", equalTo(6.5f))
                .body("[0].bySide.right.ratings", equalTo(3)).body("[0].bySide.right.avgDiscomfort", equalTo(2.33f));
        given().auth().oauth2(token).when().get("/v1/me/asymmetry").then().statusCode(200)
                .body("", hasSize(1))
                .body("[0].worseSide", equalTo("left")).body("[0].areas", contains("hips", "knees"))
                .body("[0].left", equalTo(6.5f)).body("[0].right", equalTo(2.33f)).body("[0].difference", equalTo(4.17f));
        // Rated 7 and 8 in its last three ratings (7, 3, 8): the pose alert, with its gentler option.
        given().auth().oauth2(token).when().get("/v1/me/pain-trend").then().statusCode(200)
                .body("alerts.type", contains("POSE_PAIN"))
                .body("alerts[0].reason", equalTo("Low lunge was rated 7 or more in 2 of its last 3 ratings."))
                .body("alerts[0].advice", org.hamcrest.Matchers.containsString("Knee down"));
        given().auth().oauth2(token).queryParam("weeks", "53").when().get("/v1/me/asymmetry")
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("weeks"));
        given().auth().oauth2(token).queryParam("weeks", "x").when().get("/v1/me/poses/discomfort")
                .then().statusCode(400).body("errors[0].field", equalTo("weeks"));
        given().auth().oauth2(SharedStack.token("stranger")).when().get("/v1/users/" + user + "/poses/discomfort")
                .then().statusCode(403);
        given().auth().oauth2(SharedStack.token("olga", "operator")).when().get("/v1/users/" + user + "/asymmetry")
                .then().statusCode(200).body("[0].pose", equalTo(pose));
    }

    @Test
    void poisonRecordsGoToTheDeadLetterTopicWithTheReasonAndDoNotBlock() {
        String user = "poison-" + UUID.randomUUID();
        ConsumerTask<String, String> dlq = kafka.consumeStrings().fromTopics(Topics.PRACTICE_EVENTS_DLQ,
                records -> records.select().where(r -> user.equals(r.key())));
        kafka.produceStrings().fromRecords(
                new ProducerRecord<>(Topics.PRACTICE_EVENTS, user, "{not json"),
                new ProducerRecord<>(Topics.PRACTICE_EVENTS, user, "{\"schemaVersion\":1,\"eventId\":\"x\"}")).awaitCompletion();
        // Today in Paris, in Paris's zone: a UTC zone would put it on tomorrow from 23:00 UTC (and fail the streak then).
        new Events(user).session("upper-back-release", 4, "Europe/Paris", daysAgoAt(0, 6), 10, 4, "SESSION_COMPLETED", null, null)
                .send(kafka);
        dlq.awaitRecords(2, Duration.ofSeconds(20));
        assertThat(dlq.getRecords()).allSatisfy(r -> assertThat(
                new String(r.headers().lastHeader("dlq-reason").value(), StandardCharsets.UTF_8)).isNotBlank());
        dlq.stop();
        String token = SharedStack.token(user);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                given().auth().oauth2(token).queryParam("zone", "Europe/Paris").when().get("/v1/me/streak")
                        .then().statusCode(200).body("current", equalTo(1)));
        given().baseUri(management.getProtocol() + "://" + management.getAuthority()).when().get("/q/metrics").then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("sukha_insights_dead_letters_total"));
    }

    @Test
    void aSessionThatWouldOverflowItsWeekGoesToTheDeadLetterTopicAndThePartitionMovesOn() {
        String user = "overflow-" + UUID.randomUUID();
        OffsetDateTime monday = OffsetDateTime.of(2026, 11, 16, 6, 0, 0, 0, ZoneOffset.UTC);
        Events full = new Events(user);
        for (int i = 0; i < 300; i++) {
            full.session("upper-back-release", 4, "UTC", monday.plusMinutes(i * 2L), 1, 0, "SESSION_COMPLETED", null, null);
        }
        full.send(kafka);
        ConsumerTask<String, String> dlq = kafka.consumeStrings().fromTopics(Topics.PRACTICE_EVENTS_DLQ,
                records -> records.select().where(r -> user.equals(r.key())));
        new Events(user).session("upper-back-release", 4, "UTC", monday.plusDays(1), 10, 0, "SESSION_COMPLETED", null, null)
                .session("upper-back-release", 4, "UTC", monday.plusDays(7), 10, 0, "SESSION_COMPLETED", null, null)
                .send(kafka);
        dlq.awaitRecords(2, Duration.ofSeconds(30));
        assertThat(dlq.getRecords()).allSatisfy(r -> assertThat(
                new String(r.headers().lastHeader("dlq-reason").value(), StandardCharsets.UTF_8))
                .contains("2026-W47").contains("300 sessions"));
        dlq.stop();
        String token = SharedStack.token(user);
        // The next week's session, behind the refused one on the same partition, is counted.
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().auth().oauth2(token)
                .queryParam("week", "2026-W48").get("/v1/me/progress/weekly").then().body("sessions.completed", equalTo(1)));
        given().auth().oauth2(token).queryParam("week", "2026-W47").get("/v1/me/progress/weekly").then()
                .body("sessions.completed", equalTo(300)).body("daysPracticed", contains("2026-11-16"));
        given().baseUri(management.getProtocol() + "://" + management.getAuthority()).when().get("/q/metrics").then()
                .body(org.hamcrest.Matchers.containsString("sukha_insights_dead_letters_total{kind=\"refused\"}"));
    }

    @Test
    void aFloodOfRefusalsInOnePollIsDeadLetteredAndTheConsumerGoesOn() {
        // 300 sessions fill the week; 700 more (1,400 records) are refused within a poll or two:
        // more dead letters in flight at once than a default emitter buffer holds.
        String user = "flood-" + UUID.randomUUID();
        OffsetDateTime monday = OffsetDateTime.of(2026, 11, 9, 0, 30, 0, 0, ZoneOffset.UTC);
        Events flood = new Events(user);
        for (int i = 0; i < 1000; i++) {
            flood.session("upper-back-release", 4, "UTC", monday.plusMinutes(i * 9L), 1, 0, "SESSION_COMPLETED", null, null);
        }
        ConsumerTask<String, String> dlq = kafka.consumeStrings().fromTopics(Topics.PRACTICE_EVENTS_DLQ,
                records -> records.select().where(r -> user.equals(r.key())));
        flood.send(kafka);
        String other = "after-flood-" + UUID.randomUUID();
        new Events(other).session("upper-back-release", 4, "UTC", OffsetDateTime.now(ZoneOffset.UTC).minusHours(1), 10, 0,
                "SESSION_COMPLETED", null, null).send(kafka);
        String token = SharedStack.token(other);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().auth().oauth2(token).queryParam("zone", "UTC")
                .get("/v1/me/streak").then().statusCode(200).body("current", equalTo(1)));
        // Dead letters are at least once (a batch retried after its dead letters were sent sends them again):
        // every refused record is there, each event id counted once.
        dlq.awaitRecords(1400, Duration.ofSeconds(60));
        // Dead letters are at least once (a batch retried after its dead letters were sent sends them again):
        // every refused record is there, each event id counted once, and nothing else is.
        // Late copies may still trail: read them once their count has held still for two seconds.
        java.util.concurrent.atomic.AtomicInteger last = new java.util.concurrent.atomic.AtomicInteger(-1);
        await().pollDelay(Duration.ZERO).pollInterval(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(30)).until(() -> {
            int now = dlq.getRecords().size();
            return last.getAndSet(now) == now;
        });
        java.util.Map<String, Long> byReason = new java.util.TreeMap<>();
        List<String> ids = new ArrayList<>();
        for (var r : new ArrayList<>(dlq.getRecords())) {
            byReason.merge(new String(r.headers().lastHeader("dlq-reason").value(), StandardCharsets.UTF_8), 1L, Long::sum);
            ids.add(io.restassured.path.json.JsonPath.from(r.value()).getString("eventId"));
        }
        assertThat(ids.stream().distinct().count()).as("distinct dead letters, by reason: %s", byReason).isEqualTo(1400);
        assertThat(dlq.getRecords()).allSatisfy(r -> assertThat(r.value()).contains(user));
        dlq.stop();
        given().auth().oauth2(SharedStack.token(user)).queryParam("week", "2026-W46").get("/v1/me/progress/weekly").then()
                .body("sessions.completed", equalTo(300));
    }

    @Test
    void theGoalAppliesFromThisWeek() {
        String user = "goal-" + UUID.randomUUID();
        String token = SharedStack.token(user);
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("days", 3))
                .when().put("/v1/me/goal").then().statusCode(200).body("goalDays", equalTo(3));
        given().auth().oauth2(token).when().get("/v1/me/progress/weekly").then().body("goalDays", equalTo(3));
        given().auth().oauth2(token).queryParam("week", "2020-W10").when().get("/v1/me/progress/weekly")
                .then().body("goalDays", equalTo(5));
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("days", 8))
                .when().put("/v1/me/goal").then().statusCode(422).contentType("application/problem+json")
                .body("errors[0].field", equalTo("days"));
    }

    @Test
    void badParametersAre400Problems() {
        String token = SharedStack.token("params");
        given().auth().oauth2(token).queryParam("week", "2026-48").when().get("/v1/me/progress/weekly")
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("week"));
        given().auth().oauth2(token).queryParam("zone", "Mars/Base").when().get("/v1/me/streak")
                .then().statusCode(400).body("errors[0].field", equalTo("zone"));
        given().auth().oauth2(token).queryParam("weeks", "0").queryParam("area", "elbow").when().get("/v1/me/pain-trend")
                .then().statusCode(400).body("errors.field", hasItems("weeks", "area"));
        given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"days\":").when().put("/v1/me/goal")
                .then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void thePageIsToldNoProviderWhenNoneIsConfiguredWithoutAToken() {
        given().when().get("/page/config").then().statusCode(200).contentType("application/json")
                .body("issuer", org.hamcrest.Matchers.nullValue())
                // One origin: routines and events where the page is.
                .body("routinesUrl", equalTo("")).body("eventsUrl", equalTo(""))
                .body("version", org.hamcrest.Matchers.matchesPattern("[0-9a-f]{16}"));
    }

    @Test
    void thePageIsGuardedByItsHeadersAndRevalidatedOnEveryLoad() {
        for (String path : List.of("/", "/js/main.js", "/css/app.css", "/sw.js", "/manifest.json", "/page/config")) {
            var answer = given().when().get(path).then().statusCode(200)
                    .header("Cache-Control", "no-cache")
                    .header("X-Content-Type-Options", "nosniff")
                    .header("Referrer-Policy", "no-referrer")
                    .header("Permissions-Policy", org.hamcrest.Matchers.containsString("camera=()"))
                    .extract();
            String csp = answer.header("Content-Security-Policy");
            assertThat(csp).as(path).contains("default-src 'self'", "script-src 'self'", "style-src 'self'",
                    "connect-src 'self';", "frame-ancestors 'none'", "base-uri 'none'", "form-action 'self'", "object-src 'none'")
                    .doesNotContain("unsafe-inline", "unsafe-eval", "*");
        }
        given().when().get("/js/main.js").then().contentType(org.hamcrest.Matchers.startsWith("text/javascript"));
        // The API's own answers carry no page policy, and are never sniffed.
        given().auth().oauth2(SharedStack.token("headers")).when().get("/v1/me/streak").then().statusCode(200)
                .header("X-Content-Type-Options", "nosniff").header("Content-Security-Policy", org.hamcrest.Matchers.nullValue());
    }

    @Test
    void onlyOperatorsReadOthersAndTheAnswerRevealsNothing() {
        String user = "owner-" + UUID.randomUUID();
        String stranger = SharedStack.token("stranger");
        String existing = given().auth().oauth2(stranger).when().get("/v1/users/" + user + "/streak")
                .then().statusCode(403).contentType("application/problem+json").extract().asString();
        String missing = given().auth().oauth2(stranger).when().get("/v1/users/nobody-at-all/streak")
                .then().statusCode(403).extract().asString();
        assertThat(existing).isEqualTo(missing);
        given().auth().oauth2(SharedStack.token("olga", "operator")).when().get("/v1/users/" + user + "/streak")
                .then().statusCode(200).body("current", equalTo(0));
        given().auth().oauth2(stranger).when().post("/v1/admin/rebuild").then().statusCode(403);
        given().when().get("/v1/me/streak").then().statusCode(401).contentType("application/problem+json");
    }
}
