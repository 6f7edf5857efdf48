package dev.sukha.system;

import dev.sukha.stack.SharedStack;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The stream of changes across instances: two insights-service instances share the consumption of
 * practice-events, and a person's streams on both hear every change, whichever consumed it; after
 * the broker restarts, the streams go on, and one that reconnects with its last event's id is told
 * at once what it missed.
 */
class ChangeStreamsIT {

    private static RunningSystem system;
    private static ServiceProcess second;

    @BeforeAll
    static void twoInstances() {
        system = RunningSystem.get();
        second = ServiceProcess.start("insights-service", Map.of());
    }

    @AfterAll
    static void stop() {
        if (second != null) {
            second.close();
        }
    }

    /** A stream's events as "event id" lines, and "closed" when it ends. */
    static final class EventStream {
        final LinkedBlockingQueue<String> events = new LinkedBlockingQueue<>();
        volatile String lastId;

        EventStream(String url, String token, String lastEventId) throws Exception {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url + "/v1/me/changes"))
                    .header("Authorization", "Bearer " + token);
            if (lastEventId != null) {
                request.header("Last-Event-ID", lastEventId);
            }
            HttpResponse<java.io.InputStream> response = HttpClient.newHttpClient().send(request.build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            assertThat(response.statusCode()).isEqualTo(200);
            Thread reader = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                    String id = null;
                    for (String line; (line = in.readLine()) != null; ) {
                        if (line.startsWith("id:")) {
                            id = line.substring(3).trim();
                        } else if (line.startsWith("event:")) {
                            lastId = id;
                            events.add(line.substring(6).trim() + " " + id);
                        }
                    }
                } catch (java.io.IOException e) {
                    // ended
                }
                events.add("closed");
            }, "event-stream");
            reader.setDaemon(true);
            reader.start();
        }

        /** The next event other than a heartbeat, within {@code seconds}. */
        String next(int seconds) throws InterruptedException {
            String e = events.poll(seconds, TimeUnit.SECONDS);
            assertThat(e).as("an event within %d s", seconds).isNotNull();
            return e;
        }
    }

    private static void practise(String token, int hoursAgo) {
        String session = UUID.randomUUID().toString();
        OffsetDateTime start = OffsetDateTime.now(ZoneOffset.UTC).minusHours(hoursAgo);
        String body = """
                [{"eventId":"%s","type":"SESSION_STARTED","sessionId":"%s","occurredAt":"%s","routineId":"upper-back-quick","zone":"UTC"},
                 {"eventId":"%s","type":"SESSION_COMPLETED","sessionId":"%s","occurredAt":"%s"}]"""
                .formatted(UUID.randomUUID(), session, start, UUID.randomUUID(), session, start.plusMinutes(8));
        for (int attempt = 0; attempt < 60; attempt++) {
            int status = given().baseUri(system.sessions.url()).auth().oauth2(token).contentType(ContentType.JSON).body(body)
                    .post("/v1/events").then().extract().statusCode();
            if (status == 202) {
                return;
            }
            assertThat(status).as("503 while the broker comes back, then 202").isEqualTo(503);
            sleep(Duration.ofSeconds(1));
        }
        throw new AssertionError("no 202 in a minute");
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void bothInstancesStreamsHearEveryChangeAndABrokerRestartLosesNone() throws Exception {
        String user = "streams-" + UUID.randomUUID().toString().substring(0, 8);
        String token = SharedStack.token(user);
        EventStream onFirst = new EventStream(system.insights.url(), token, null);
        EventStream onSecond = new EventStream(second.url(), token, null);
        assertThat(onFirst.next(20)).startsWith("ready ");
        assertThat(onSecond.next(20)).startsWith("ready ");

        // Three sessions: whichever instance consumed them, both streams hear each change.
        for (int i = 0; i < 3; i++) {
            Instant posted = Instant.now();
            practise(token, 3 + i);
            assertThat(onFirst.next(20)).startsWith("change ");
            assertThat(onSecond.next(20)).startsWith("change ");
            System.out.printf("streams: a change heard on both instances %d ms after the 202%n",
                    Duration.between(posted, Instant.now()).toMillis());
        }
        awaitSame(onFirst, onSecond);
        String beforeRestart = onFirst.lastId;

        // The broker stops and comes back; a change made after it reaches both streams, still open.
        SharedStack.stopBroker();
        sleep(Duration.ofSeconds(3));
        SharedStack.startBroker();
        practise(token, 10);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60))
                .until(() -> !beforeRestart.equals(onFirst.lastId) && !beforeRestart.equals(onSecond.lastId));
        awaitSame(onFirst, onSecond);

        // A stream that was away since before the restart is told at once what it missed.
        EventStream back = new EventStream(second.url(), token, beforeRestart);
        String caughtUp = back.next(20);
        assertThat(caughtUp).startsWith("change ");
        assertThat(caughtUp.split(" ")[1]).isEqualTo(onFirst.lastId);
    }

    @Test
    void aTagRememberedOnOneInstanceGoesWhenTheOtherChangesTheFiguresAndWhenTheTopicFallsSilent() {
        String user = "remembered-" + UUID.randomUUID().toString().substring(0, 8);
        String token = SharedStack.token(user);
        String first = system.insights.url();
        String other = second.url();
        String otherOps = second.managementUrl();
        goal(first, token, 3);
        awaitRemembering(otherOps);
        String tag = weeklyTag(other, token);
        double before = fromMemory(otherOps);
        for (int i = 0; i < 20; i++) {
            assertThat(conditional(other, token, tag)).isEqualTo(304);
        }
        // All but the odd one after someone else's catalogue change (everyone forgets).
        assertThat(fromMemory(otherOps) - before).as("answered from what the second instance remembers").isGreaterThanOrEqualTo(16);

        // The goal changes through the first instance: the second hears it and answers the old tag in full.
        Instant changed = Instant.now();
        goal(first, token, 5);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(10))
                .until(() -> conditional(other, token, tag) == 200);
        System.out.printf("remembered: a change through the first instance answered in full by the second after %d ms%n",
                Duration.between(changed, Instant.now()).toMillis());
        String now = weeklyTag(other, token);
        assertThat(conditional(other, token, now)).isEqualTo(304);

        // The broker goes away: nobody can tell the second of a change, so within its trust window it stops
        // answering from memory and reads the store again, where the change is.
        SharedStack.stopBroker();
        try {
            Instant silent = Instant.now();
            goal(first, token, 2);
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50))
                    .until(() -> conditional(other, token, now) == 200);
            System.out.printf("remembered: with the broker away, an untold change answered in full after %d ms%n",
                    Duration.between(silent, Instant.now()).toMillis());
        } finally {
            SharedStack.startBroker();
        }
        awaitRemembering(otherOps);
        String last = weeklyTag(other, token);
        assertThat(conditional(other, token, last)).isEqualTo(304);
    }

    private static void goal(String insights, String token, int days) {
        given().baseUri(insights).auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("days", days)).put("/v1/me/goal")
                .then().statusCode(200);
    }

    private static String weeklyTag(String insights, String token) {
        return given().baseUri(insights).auth().oauth2(token).get("/v1/me/progress/weekly").then().statusCode(200).extract().header("ETag");
    }

    private static int conditional(String insights, String token, String tag) {
        return given().baseUri(insights).auth().oauth2(token).header("If-None-Match", tag).get("/v1/me/progress/weekly").then()
                .extract().statusCode();
    }

    private static double metric(String insightsOps, String line) {
        String body = given().baseUri(insightsOps).get("/q/metrics").then().statusCode(200).extract().asString();
        return body.lines().filter(l -> l.startsWith(line + " ")).mapToDouble(ProcessCosts::sampleValue).findFirst().orElse(0);
    }

    private static double fromMemory(String insights) {
        return metric(insights, "sukha_insights_revisions_read_total{from=\"memory\"}");
    }

    /** Until the instance hears figure-changes up to the moment (its own probes), so that it answers from memory. */
    private static void awaitRemembering(String insights) {
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(90))
                .until(() -> metric(insights, "sukha_insights_remembered_trusted") == 1.0);
    }

    /** Until both streams have heard the same last change (a session may come in two batches, two changes). */
    private static void awaitSame(EventStream a, EventStream b) {
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).pollDelay(Duration.ofSeconds(1))
                .until(() -> a.lastId != null && a.lastId.equals(b.lastId));
    }
}
