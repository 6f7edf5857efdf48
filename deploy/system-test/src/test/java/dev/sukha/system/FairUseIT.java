package dev.sukha.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sukha.stack.SharedStack;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contract's write budget on the running services, with its defaults (20 a second, bursts of
 * 100): one person flooding gets 429s with Retry-After and RateLimit; a refused request recorded
 * nothing, and sent again after Retry-After each of its events is ACCEPTED or DUPLICATE; another
 * person posting meanwhile is never refused.
 */
class FairUseIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> post(String token, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(RunningSystem.get().sessions.url() + "/v1/events"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A session of {@code events} events (start, poses started, end) as one batch. */
    private static List<String> session(String sessionId, int events) {
        OffsetDateTime start = OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(30);
        List<String> out = new ArrayList<>();
        out.add("{\"eventId\":\"%s\",\"type\":\"SESSION_STARTED\",\"sessionId\":\"%s\",\"occurredAt\":\"%s\",\"routineId\":\"upper-back-quick\",\"zone\":\"UTC\"}"
                .formatted(UUID.randomUUID(), sessionId, start));
        for (int i = 1; i < events - 1; i++) {
            out.add("{\"eventId\":\"%s\",\"type\":\"POSE_STARTED\",\"sessionId\":\"%s\",\"occurredAt\":\"%s\",\"step\":%d}"
                    .formatted(UUID.randomUUID(), sessionId, start.plusSeconds(i), i % 8));
        }
        out.add("{\"eventId\":\"%s\",\"type\":\"SESSION_COMPLETED\",\"sessionId\":\"%s\",\"occurredAt\":\"%s\"}"
                .formatted(UUID.randomUUID(), sessionId, start.plusMinutes(10)));
        return out;
    }

    @Test
    void aFloodIsRefusedWithWhenToComeBackAndNothingItSentIsLostOrDoubled() throws Exception {
        String flooder = "flood-" + UUID.randomUUID().toString().substring(0, 8);
        String token = SharedStack.token(flooder);
        String neighbour = SharedStack.token("neighbour-" + UUID.randomUUID().toString().substring(0, 8));
        // 320 sessions of 3 events, a batch each, sent from 48 connections as fast as answered: far past 100 in a burst.
        List<String> sessions = new ArrayList<>();
        List<List<String>> batches = new ArrayList<>();
        for (int i = 0; i < 320; i++) {
            String id = UUID.randomUUID().toString();
            sessions.add(id);
            batches.add(session(id, 3));
        }
        AtomicInteger refusals = new AtomicInteger();
        Set<String> results = ConcurrentHashMap.newKeySet();
        List<String> problems = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(48);
        List<CompletableFuture<Void>> sent = new ArrayList<>();
        for (int round = 0; round < 4; round++) {
            for (List<String> batch : batches.subList(80 * round, 80 * round + 80)) {
                String body = "[" + String.join(",", batch) + "]";
                sent.add(CompletableFuture.runAsync(() -> {
                    try {
                        for (int attempt = 0; attempt < 30; attempt++) {
                            HttpResponse<String> r = post(token, body);
                            if (r.statusCode() == 202) {
                                JSON.readTree(r.body()).path("results").forEach(x -> results.add(x.path("status").asText()));
                                return;
                            }
                            assertThat(r.statusCode()).as(r.body()).isEqualTo(429);
                            assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(c -> assertThat(c).startsWith("application/problem+json"));
                            assertThat(r.headers().firstValue("RateLimit-Policy")).hasValue("\"writes\";q=100;w=5");
                            assertThat(r.headers().firstValue("RateLimit")).hasValueSatisfying(v -> assertThat(v).startsWith("\"writes\";r=0;t="));
                            refusals.incrementAndGet();
                            Thread.sleep(1000L * Integer.parseInt(r.headers().firstValue("Retry-After").orElseThrow()));
                        }
                        throw new AssertionError("no 202 after 30 tries");
                    } catch (Exception e) {
                        synchronized (problems) {
                            problems.add(e.toString());
                        }
                    }
                }, pool));
            }
            // Meanwhile, another person is never refused.
            HttpResponse<String> other = post(neighbour, "[" + String.join(",", session(UUID.randomUUID().toString(), 3)) + "]");
            assertThat(other.statusCode()).as(other.body()).isEqualTo(202);
        }
        CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).join();
        pool.shutdown();
        assertThat(problems).isEmpty();
        assertThat(refusals.get()).as("429s for 320 batches at once").isPositive();
        // Sent again after a 429, every event was ACCEPTED — none DUPLICATE: the refusal had recorded nothing of it.
        assertThat(results).containsExactly("ACCEPTED");
        // Every session whole and once: each event recorded, nothing of a refused request half-recorded.
        for (int i = 0; i < sessions.size(); i++) {
            JsonNode s = JSON.readTree(given().baseUri(RunningSystem.get().sessions.url()).auth().oauth2(token)
                    .get("/v1/sessions/" + sessions.get(i)).then().statusCode(200).extract().asString());
            Set<String> ids = new HashSet<>();
            s.path("eventIds").forEach(e -> ids.add(e.asText()));
            Set<String> expected = new HashSet<>();
            batches.get(i).forEach(e -> expected.add(e.replaceAll(".*\"eventId\":\"([^\"]+)\".*", "$1")));
            assertThat(ids).isEqualTo(expected);
            assertThat(s.path("end").asText()).isEqualTo("SESSION_COMPLETED");
        }
        System.out.printf("fair use: 320 batches of one person from 48 connections: %d × 429, all sent again and recorded once%n",
                refusals.get());
    }
}
