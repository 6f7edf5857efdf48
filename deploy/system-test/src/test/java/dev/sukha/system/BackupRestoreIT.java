package dev.sukha.system;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;
import io.restassured.http.ContentType;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

/**
 * Erasure reaches backups. On a stack of its own: a copy of the store's data files is taken, a person is erased,
 * everything stops, the copy is put back (a restore from the backup before the erasure) and everything starts
 * again. The restored store still holds the erased person's key and figures; before answering anything the
 * services apply again every erasure recorded since (the erasure topic is the ledger). So within 10 seconds of
 * being ready every read answers for them as for someone who never practised, and their key, figures, claims
 * and sessions are gone from the raw stores; the other person's figures are unchanged.
 */
class BackupRestoreIT {

    private static final List<ServiceProcess> services = new ArrayList<>();
    private static StackProcess stack;

    @AfterAll
    static void stop() {
        services.forEach(ServiceProcess::close);
        if (stack != null) {
            stack.close();
        }
    }

    private static Map<String, ServiceProcess> startServices() {
        int insightsPort = ServiceProcess.freePort();
        Map<String, ServiceProcess> started = new LinkedHashMap<>();
        started.put("routine-service", ServiceProcess.start("routine-service", ServiceProcess.freePort(), Map.of(), stack.info()));
        started.put("session-service", ServiceProcess.start("session-service", ServiceProcess.freePort(), Map.of(), stack.info()));
        started.put("insights-service", ServiceProcess.start("insights-service", insightsPort, Map.of(), stack.info()));
        services.addAll(started.values());
        return started;
    }

    private static void stopEverything() {
        services.forEach(ServiceProcess::close);
        services.clear();
        stack.stop();
    }

    private static Map<String, Object> event(String type, String session, OffsetDateTime at, Map<String, Object> fields) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("eventId", UUID.randomUUID().toString());
        e.put("type", type);
        e.put("sessionId", session);
        e.put("occurredAt", at.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        e.putAll(fields);
        return e;
    }

    private static String practise(ServiceProcess sessions, String token, OffsetDateTime at) {
        String session = UUID.randomUUID().toString();
        List<Map<String, Object>> events = List.of(
                event("SESSION_STARTED", session, at, Map.of("routineId", "upper-back-release", "zone", "Europe/Berlin",
                        "pain", Map.of("upper_back", 7))),
                event("POSE_COMPLETED", session, at.plusMinutes(2), Map.of("step", 0, "discomfort", 4)),
                event("SESSION_COMPLETED", session, at.plusMinutes(12), Map.of("pain", Map.of("upper_back", 3))));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().baseUri(sessions.url()).auth().oauth2(token)
                .contentType(ContentType.JSON).body(events).post("/v1/events").then().statusCode(202));
        return session;
    }

    @Test
    void aStoreRestoredFromBeforeAnErasureIsErasedAgainBeforeItServes() throws Exception {
        Path dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "backup-restore-");
        stack = new StackProcess(dir.resolve("stack")).start();
        Map<String, ServiceProcess> up = startServices();
        String alice = "restored-alice";
        String bob = "kept-bob";
        String aliceToken = stack.token(alice);
        String bobToken = stack.token(bob);
        OffsetDateTime day = OffsetDateTime.now(ZoneOffset.ofHours(1)).minusDays(1).truncatedTo(ChronoUnit.MINUTES).withHour(8);
        String alicesSession = practise(up.get("session-service"), aliceToken, day);
        practise(up.get("session-service"), aliceToken, day.minusDays(1));
        practise(up.get("session-service"), bobToken, day);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().baseUri(up.get("insights-service").url()).auth()
                .oauth2(aliceToken).get("/v1/me/export").then().body("events", hasSize(6)));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().baseUri(up.get("insights-service").url()).auth()
                .oauth2(bobToken).get("/v1/me/export").then().body("events", hasSize(3)));
        String bobsRelief = given().baseUri(up.get("insights-service").url()).auth().oauth2(bobToken).get("/v1/me/routines/relief").asString();
        String bobsStreak = given().baseUri(up.get("insights-service").url()).auth().oauth2(bobToken)
                .queryParam("zone", "Europe/Berlin").get("/v1/me/streak").asString();

        // The backup: a copy of the store's data files.
        stopEverything();
        Path backup = dir.resolve("backup.mv");
        Files.copy(stack.storeFile(), backup);

        // The erasure, after the backup.
        stack.start();
        Map<String, ServiceProcess> again = startServices();
        given().baseUri(again.get("insights-service").url()).auth().oauth2(aliceToken).delete("/v1/me").then().statusCode(202);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().baseUri(again.get("insights-service").url()).auth()
                .oauth2(aliceToken).get("/v1/me/export").then().body("events", hasSize(0)));

        // Everything stops; the backup is put back; everything starts.
        stopEverything();
        Files.copy(backup, stack.storeFile(), StandardCopyOption.REPLACE_EXISTING);
        stack.start();
        try (MongoClient mongo = MongoClients.create(stack.info().mongoConnectionString())) {
            assertThat(mongo.getDatabase("sukha-keys").getCollection("person_keys").find(Filters.eq("_id", alice)).first()
                    .getString("keyId")).as("the restored store brought alice's key back").isNotNull();
        }
        Map<String, ServiceProcess> restored = startServices();
        long ready = System.nanoTime();
        ServiceProcess insights = restored.get("insights-service");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            given().baseUri(insights.url()).auth().oauth2(aliceToken).get("/v1/me/export").then().statusCode(200).body("events", hasSize(0));
            given().baseUri(insights.url()).auth().oauth2(aliceToken).queryParam("zone", "Europe/Berlin").get("/v1/me/streak").then()
                    .body("current", equalTo(0)).body("longest", equalTo(0));
            given().baseUri(insights.url()).auth().oauth2(aliceToken).get("/v1/me/routines/relief").then().body("$", hasSize(0));
            given().baseUri(restored.get("session-service").url()).auth().oauth2(aliceToken).get("/v1/sessions/" + alicesSession)
                    .then().statusCode(404);
        });
        System.out.printf("Restored: alice read as never practised %d ms after every service was ready%n",
                (System.nanoTime() - ready) / 1_000_000);
        given().baseUri(insights.url()).auth().oauth2(bobToken).get("/v1/me/routines/relief").then().body(equalTo(bobsRelief));
        given().baseUri(insights.url()).auth().oauth2(bobToken).queryParam("zone", "Europe/Berlin").get("/v1/me/streak").then()
                .body(equalTo(bobsStreak));

        // The raw stores: alice's key destroyed again, her figures, settings, claims and sessions gone.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            try (MongoClient mongo = MongoClients.create(stack.info().mongoConnectionString())) {
                Document key = mongo.getDatabase("sukha-keys").getCollection("person_keys").find(Filters.eq("_id", alice)).first();
                assertThat(key.keySet()).doesNotContain("keyId", "key", "erasing");
                long figures = 0;
                for (Document d : mongo.getDatabase("sukha-insights").getCollection("projection").find()) {
                    if (d.getString("_id").contains("|" + alice)) {
                        figures++;
                    }
                }
                assertThat(figures).as("alice's projection documents").isZero();
                assertThat(mongo.getDatabase("sukha-sessions").getCollection("events").countDocuments(Filters.eq("userId", alice))).isZero();
                assertThat(mongo.getDatabase("sukha-sessions").getCollection("sessions").countDocuments(Filters.eq("owner", alice))).isZero();
                assertThat(mongo.getDatabase("sukha-sessions").getCollection("events").countDocuments(Filters.eq("userId", bob))).isEqualTo(3);
            }
        });
    }
}
