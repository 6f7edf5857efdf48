package dev.sukha.insights.api;

import dev.sukha.stack.LocalStackResource;
import dev.sukha.stack.SharedStack;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Conditional reads and the stream of changes on the running service: a tag answered 304 while
 * nothing changed and replaced when events, a pause or a goal change the figures; never a 304 for
 * someone who may not read them; and a stream that hears each change, resumes from its last event,
 * ends at erasure, and holds at most five per person.
 */
@QuarkusTest
@QuarkusTestResource(LocalStackResource.class)
class ConditionalReadsTest {

    private static KafkaCompanion kafka;

    @TestHTTPResource
    URL base;

    /** The management interface: /q/metrics is served there, not on the public port. */
    @TestHTTPResource(value = "/", management = true)
    URL management;

    @BeforeAll
    static void kafka() {
        kafka = new KafkaCompanion(SharedStack.get().bootstrapServers());
    }

    @AfterAll
    static void close() {
        kafka.close();
    }

    private static String tagOf(String token, String path) {
        // Figures are kept by the browser and revalidated; a person's export (a download) is never kept.
        return given().auth().oauth2(token).get(path).then().statusCode(200)
                .header("Cache-Control", path.endsWith("/export") || path.contains("/report") ? "no-store" : "private, no-cache")
                .extract().header("ETag");
    }

    private static int conditional(String token, String path, String tag) {
        return given().auth().oauth2(token).header("If-None-Match", tag).get(path).then().extract().statusCode();
    }

    /** A counter or gauge of the service's metrics, as scraped. */
    private double metric(String line) {
        String body = given().baseUri(management.getProtocol() + "://" + management.getAuthority()).get("/q/metrics").then().statusCode(200).extract().asString();
        return body.lines().filter(l -> l.startsWith(line + " ")).mapToDouble(l -> Double.parseDouble(l.substring(line.length() + 1).split(" ")[0]))
                .findFirst().orElse(0);
    }

    private static final String FROM_MEMORY = "sukha_insights_revisions_read_total{from=\"memory\"}";

    /** Until the service hears figure-changes up to the moment (its probes), so that it answers from what it remembers. */
    private void awaitRemembering() {
        await().atMost(Duration.ofSeconds(30)).until(() -> metric("sukha_insights_remembered_trusted") == 1.0);
    }

    @Test
    void aTagHoldsWhileNothingChangesAndGoesWhenEventsAPauseOrTheGoalDo() {
        awaitRemembering();
        String user = "etag-" + UUID.randomUUID();
        String token = SharedStack.token(user);
        // Someone who set a goal once: the store knows them (a first change of anything gives every figure a new tag).
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("days", 4)).put("/v1/me/goal").then().statusCode(200);
        List<String> reads = List.of("/v1/me/streak", "/v1/me/progress/weekly", "/v1/me/pain-trend?weeks=8", "/v1/me/routines/relief",
                "/v1/me/poses/discomfort", "/v1/me/asymmetry", "/v1/me/pauses", "/v1/me/export");
        for (String path : reads) {
            String tag = tagOf(token, path);
            assertThat(tag).as(path).matches("\"[A-Za-z0-9_-]{27}\"");
            var notModified = given().auth().oauth2(token).header("If-None-Match", tag).get(path).then().statusCode(304).extract();
            assertThat(notModified.asString()).as(path).isEmpty();
            assertThat(notModified.header("ETag")).isEqualTo(tag);
            assertThat(conditional(token, path, "\"something-else\"")).isEqualTo(200);
        }
        String streak = tagOf(token, "/v1/me/streak");
        String pauses = tagOf(token, "/v1/me/pauses");
        String csv = given().auth().oauth2(token).accept("text/csv").get("/v1/me/export").then().statusCode(200).extract().header("ETag");
        assertThat(csv).as("another representation, another tag").isNotEqualTo(tagOf(token, "/v1/me/export"));

        // Events: every figure they feed gets a new tag; the pauses keep theirs.
        OffsetDateTime start = OffsetDateTime.now(ZoneOffset.UTC).minusHours(2);
        new Events(user).session("upper-back-release", 4, "UTC", start, 10, 4, "SESSION_COMPLETED", Map.of("neck", 5), Map.of("neck", 2))
                .sendSealed(kafka);
        await().atMost(Duration.ofSeconds(20)).until(() -> conditional(token, "/v1/me/streak", streak) == 200);
        assertThat(given().auth().oauth2(token).get("/v1/me/streak").then().extract().jsonPath().getInt("current")).isEqualTo(1);
        assertThat(conditional(token, "/v1/me/pauses", pauses)).isEqualTo(304);

        // A pause: the pauses' tag and the streak's change.
        String afterEvents = tagOf(token, "/v1/me/streak");
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("from", start.toLocalDate().toString(), "to", start.toLocalDate().plusDays(2).toString()))
                .post("/v1/me/pauses").then().statusCode(201);
        assertThat(conditional(token, "/v1/me/pauses", pauses)).isEqualTo(200);
        assertThat(conditional(token, "/v1/me/streak", afterEvents)).isEqualTo(200);
        // The goal.
        String afterPause = tagOf(token, "/v1/me/progress/weekly");
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("days", 2)).put("/v1/me/goal").then().statusCode(200);
        assertThat(conditional(token, "/v1/me/progress/weekly", afterPause)).isEqualTo(200);
    }

    @Test
    void a304IsAnsweredFromMemoryUntilAChangeOrAnErasureIsHeard() {
        awaitRemembering();
        String user = "memory-" + UUID.randomUUID();
        String token = SharedStack.token(user);
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("days", 3)).put("/v1/me/goal").then().statusCode(200);
        String week = tagOf(token, "/v1/me/progress/weekly");
        double before = metric(FROM_MEMORY);
        for (int i = 0; i < 20; i++) {
            assertThat(conditional(token, "/v1/me/progress/weekly", week)).isEqualTo(304);
        }
        // Remembered after the first read; another test's catalogue change (everyone forgets) may cost a read or two.
        assertThat(metric(FROM_MEMORY) - before).as("the person's revisions, remembered after the first read").isGreaterThanOrEqualTo(16);

        // Events consumed, told, forgotten: the old tag is answered in full.
        new Events(user).session("upper-back-release", 4, "UTC", OffsetDateTime.now(ZoneOffset.UTC).minusHours(1), 10, 4,
                "SESSION_COMPLETED", Map.of("neck", 5), Map.of("neck", 2)).sendSealed(kafka);
        await().atMost(Duration.ofSeconds(20)).until(() -> conditional(token, "/v1/me/progress/weekly", week) == 200);
        String after = tagOf(token, "/v1/me/progress/weekly");
        assertThat(conditional(token, "/v1/me/progress/weekly", after)).isEqualTo(304);

        // Erased: at once, the old tag is no longer the figures (someone who never practised).
        given().auth().oauth2(token).delete("/v1/me").then().statusCode(202);
        assertThat(conditional(token, "/v1/me/progress/weekly", after)).isEqualTo(200);
    }

    @Test
    void aCallerWhoMayNotReadTheFiguresNeverGetsA304() {
        String user = "private-" + UUID.randomUUID();
        String operator = SharedStack.token("olga", "operator");
        String tag = tagOf(operator, "/v1/users/" + user + "/streak");
        assertThat(conditional(operator, "/v1/users/" + user + "/streak", tag)).isEqualTo(304);
        // Someone else, with the very tag, or any: 403 as without it.
        String stranger = SharedStack.token("stranger-" + UUID.randomUUID());
        given().auth().oauth2(stranger).header("If-None-Match", tag).get("/v1/users/" + user + "/streak").then().statusCode(403);
        given().auth().oauth2(stranger).header("If-None-Match", "*").get("/v1/users/" + user + "/streak").then().statusCode(403);
        given().header("If-None-Match", "*").get("/v1/me/streak").then().statusCode(401);
        // The person's own read of the same figures is the same body: the same tag.
        assertThat(tagOf(SharedStack.token(user), "/v1/me/streak")).isEqualTo(tag);
    }

    /** A stream's events, as they arrive: "event id data" lines. */
    private LinkedBlockingQueue<String> stream(String token, String lastEventId) throws Exception {
        LinkedBlockingQueue<String> events = new LinkedBlockingQueue<>();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base.toString().replaceAll("/$", "") + "/v1/me/changes"))
                .header("Authorization", "Bearer " + token).header("Accept", "text/event-stream");
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        HttpResponse<java.io.InputStream> response = HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            events.add("status " + response.statusCode());
            return events;
        }
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                String id = "";
                String event = "";
                for (String line; (line = in.readLine()) != null; ) {
                    if (line.startsWith("id:")) {
                        id = line.substring(3).trim();
                    } else if (line.startsWith("event:")) {
                        event = line.substring(6).trim();
                    } else if (line.startsWith("data:")) {
                        events.add(event + " " + id + " " + line.substring(5).trim());
                    }
                }
                events.add("closed");
            } catch (java.io.IOException e) {
                events.add("closed");
            }
        });
        reader.setDaemon(true);
        reader.start();
        return events;
    }

    private static String next(LinkedBlockingQueue<String> events) throws InterruptedException {
        String e = events.poll(20, TimeUnit.SECONDS);
        assertThat(e).as("an event within 20 s").isNotNull();
        return e;
    }

    @Test
    void theStreamHearsEachChangeResumesFromItsLastEventAndEndsAtErasure() throws Exception {
        String user = "stream-" + UUID.randomUUID();
        String token = SharedStack.token(user);
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("days", 4)).put("/v1/me/goal").then().statusCode(200);
        LinkedBlockingQueue<String> events = stream(token, null);
        String ready = next(events);
        assertThat(ready).startsWith("ready ");

        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("days", 3)).put("/v1/me/goal").then().statusCode(200);
        String change = next(events);
        // What the settings feed (one revision for all of them), no more.
        assertThat(change).startsWith("change ").contains("\"changed\":[\"streak\",\"week\",\"pauses\",\"intake\",\"next\",\"export\",\"report\"]");
        String tag = tagOf(token, "/v1/me/streak");
        assertThat(change).as("the event names the streak's new tag").contains("\"streak\":\"" + tag.replace("\"", "\\\"") + "\"");
        String lastId = change.split(" ")[1];

        new Events(user).session("neck-and-jaw", 3, "UTC", OffsetDateTime.now(ZoneOffset.UTC).minusHours(1), 8, 3, "SESSION_COMPLETED",
                null, null).sendSealed(kafka);
        assertThat(next(events)).startsWith("change ").contains("\"changed\":[\"streak\",\"week\",\"trend\",\"relief\"");

        // Away, and back with the last event seen before a change: what changed meanwhile comes first.
        LinkedBlockingQueue<String> resumed = stream(token, lastId);
        String caughtUp = next(resumed);
        assertThat(caughtUp).startsWith("change ").contains("\"changed\":[\"streak\",\"week\",\"trend\",\"relief\"");
        // Back with the latest event's id: nothing was missed, so the stream just starts.
        assertThat(next(stream(token, caughtUp.split(" ")[1]))).startsWith("ready ");

        // At most five per person: the sixth is refused, the others are not disturbed.
        stream(token, null);
        stream(token, null);
        assertThat(next(stream(token, null))).isEqualTo("status 429");

        given().auth().oauth2(token).delete("/v1/me").then().statusCode(202);
        assertThat(next(events)).startsWith("erased ");
        assertThat(next(events)).isEqualTo("closed");
    }
}
