package dev.sukha.insights.api;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import dev.sukha.insights.store.PersonSeal;
import dev.sukha.insights.store.PersonSeals;
import dev.sukha.insights.store.ProjectionIds;
import dev.sukha.insights.store.Store;
import dev.sukha.insights.usecase.StoreSealing;
import dev.sukha.platform.sealing.SealedValues;
import dev.sukha.stack.LocalStackResource;
import dev.sukha.stack.SharedStack;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

/**
 * The store sealing migration, on the real broker and store: a person's projection and settings as the
 * code before kept them (every event line, session's facts, history, goal and pause in the clear) are
 * sealed in place while another person's events keep arriving; afterwards no document holds anything of
 * theirs in the clear, and every figure reads as it did.
 */
@QuarkusTest
@QuarkusTestResource(LocalStackResource.class)
class StoreSealingTest {

    private static final String ROUTINE = "upper-back-release";
    private static final String ZONE = "Pacific/Chatham";

    @Inject
    StoreSealing sealing;

    @Inject
    Store store;

    @Inject
    PersonSeals seals;

    /** Every figure of a person, as a map of bodies (the export without its moment). */
    private static Map<String, String> figures(String token) {
        Map<String, String> all = new LinkedHashMap<>();
        for (String path : List.of("/v1/me/streak", "/v1/me/progress/weekly", "/v1/me/pain-trend?weeks=8", "/v1/me/routines/relief",
                "/v1/me/poses/discomfort?weeks=8", "/v1/me/asymmetry?weeks=8", "/v1/me/pauses")) {
            all.put(path, given().auth().oauth2(token).queryParam("zone", ZONE).get(path).then().statusCode(200).extract().asString());
        }
        all.put("/v1/me/export", given().auth().oauth2(token).get("/v1/me/export").then().statusCode(200).extract().jsonPath()
                .getString("events") + given().auth().oauth2(token).get("/v1/me/export").jsonPath().getString("pauses")
                + given().auth().oauth2(token).get("/v1/me/export").jsonPath().getString("goals"));
        return all;
    }

    /** The person's documents of the projection collection (settings and every generation's). */
    private List<Document> documentsOf(String user) {
        List<Document> mine = new ArrayList<>();
        for (Document d : store.projection().find()) {
            if (user.equals(ProjectionIds.userOf(d.getString("_id")))) {
                mine.add(d);
            }
        }
        return mine;
    }

    /** What the code before this migration stored: every sealed value of the person's documents opened in place. */
    private void asBefore(String user) {
        PersonSeal seal = seals.forReading(user);
        for (Document doc : documentsOf(user)) {
            String id = doc.getString("_id");
            List<Bson> plain = new ArrayList<>();
            if (id.startsWith("p|")) {
                entries(doc, "goal").forEach((week, v) -> plain.add(Updates.set("goal." + week,
                        Integer.parseInt(seal.open(PersonSeal.Kind.GOAL, week, (String) v)))));
                entries(doc, "pause").forEach((pause, v) -> {
                    String[] f = seal.open(PersonSeal.Kind.PAUSE, pause, (String) v).split("\t", -1);
                    Document p = new Document("from", f[0]).append("to", f[1]);
                    if (!f[2].isEmpty()) {
                        p.append("reason", f[2]);
                    }
                    plain.add(Updates.set("pause." + pause, p));
                });
            }
            entries(doc, "y").forEach((year, v) -> {
                Document e = (Document) v;
                plain.add(Updates.set("y." + year, new Document("v", e.get("v")).append("h", seal.open(PersonSeal.Kind.YEAR_CORE, year,
                        e.getString("h"))).append("k", seal.open(PersonSeal.Kind.YEAR_COUNTS, year, e.getString("k")))));
            });
            entries(doc, "alerts").forEach((year, v) -> plain.add(Updates.set("alerts." + year + ".a",
                    seal.open(PersonSeal.Kind.YEAR_ALERTS, year, ((Document) v).getString("a")))));
            entries(doc, "w").forEach((week, v) -> plain.add(Updates.set("w." + week + ".h",
                    seal.open(PersonSeal.Kind.WEEK, week, ((Document) v).getString("h")))));
            entries(doc, "s").forEach((session, v) -> plain.add(Updates.set("s." + session + ".f",
                    seal.open(PersonSeal.Kind.FACTS, session, ((Document) v).getString("f")))));
            entries(doc, "ctx").forEach((session, v) -> plain.add(Updates.set("ctx." + session,
                    seal.open(PersonSeal.Kind.CONTEXT, session, (String) v))));
            entries(doc, "ev").forEach((session, v) -> plain.add(Updates.set("ev." + session, ((List<?>) v).stream()
                    .map(line -> seal.open(PersonSeal.Kind.EVENT, session, (String) line)).toList())));
            if (!plain.isEmpty()) {
                store.projection().updateOne(Filters.eq("_id", id), Updates.combine(plain));
            }
        }
    }

    private static Map<String, Object> entries(Document doc, String field) {
        Document d = doc.get(field, Document.class);
        return d == null ? Map.of() : d;
    }

    /** Every string in a document, at any depth. */
    private static void strings(Object value, List<String> out) {
        if (value instanceof String s) {
            out.add(s);
        } else if (value instanceof Map<?, ?> m) {
            m.values().forEach(v -> strings(v, out));
        } else if (value instanceof List<?> l) {
            l.forEach(v -> strings(v, out));
        }
    }

    @Test
    void aPersonsPlainProjectionAndSettingsAreSealedWhileEventsArriveAndReadTheSame() throws Exception {
        String alice = "sealing-alice-" + UUID.randomUUID();
        String bob = "sealing-bob-" + UUID.randomUUID();
        String aliceToken = SharedStack.token(alice);
        OffsetDateTime start = OffsetDateTime.now(ZoneOffset.UTC).minusDays(3).withHour(9);
        try (KafkaCompanion kafka = new KafkaCompanion(SharedStack.get().bootstrapServers())) {
            Events practice = new Events(alice);
            for (int i = 0; i < 3; i++) {
                practice.session(ROUTINE, 4, ZONE, start.plusDays(i), 20, 4, "SESSION_COMPLETED", Map.of("neck", 7, "jaw", 5),
                        Map.of("neck", 3, "jaw", 2));
            }
            practice.feltSession(ROUTINE, "thread-the-needle", start.plusDays(1).plusHours(3), 8, null);
            practice.sendSealed(kafka);
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().auth().oauth2(aliceToken).get("/v1/me/export")
                    .then().body("events", hasSize(22)));
            given().auth().oauth2(aliceToken).contentType("application/json").body(Map.of("days", 6)).put("/v1/me/goal")
                    .then().statusCode(200);
            LocalDate today = LocalDate.now(java.time.ZoneId.of(ZONE));
            given().auth().oauth2(aliceToken).contentType("application/json").body(Map.of("from", today.plusDays(2).toString(),
                    "to", today.plusDays(4).toString(), "reason", "illness")).post("/v1/me/pauses").then().statusCode(201);
            Map<String, String> before = figures(aliceToken);

            asBefore(alice);
            List<String> plainStrings = new ArrayList<>();
            documentsOf(alice).forEach(d -> strings(d, plainStrings));
            assertThat(String.join(" ", plainStrings)).as("the store as the code before left it").contains(ZONE, "illness", "jaw=5");
            assertThat(figures(aliceToken)).as("plain values read as they are").isEqualTo(before);

            // Bob's events keep arriving while the migration runs.
            AtomicBoolean going = new AtomicBoolean(true);
            AtomicInteger sent = new AtomicInteger();
            CompletableFuture<Void> traffic = CompletableFuture.runAsync(() -> {
                while (going.get() && sent.get() < 30) {
                    new Events(bob).session(ROUTINE, 4, "UTC", start.plusMinutes(sent.getAndIncrement()), 20, 4, "SESSION_COMPLETED",
                            Map.of("neck", 5), Map.of("neck", 4)).sendSealed(kafka);
                }
            });
            store.collection("meta").deleteOne(Filters.eq("_id", "seal-store"));
            sealing.start();
            await().atMost(Duration.ofSeconds(60)).until(() -> "DONE".equals(sealing.status().state()));
            going.set(false);
            traffic.get();
            assertThat(sealing.status().changed()).isGreaterThanOrEqualTo(documentsOf(alice).size() - 1);

            // Nothing of alice's is left in the clear: every string of her documents is sealed or a structural id.
            List<String> after = new ArrayList<>();
            documentsOf(alice).forEach(d -> strings(d, after));
            assertThat(after).isNotEmpty().allSatisfy(s -> assertThat(SealedValues.isSealed(s) || s.equals(alice)
                    || s.matches("[0-9a-f-]{36}|[0-9]{4}-W[0-9]{2}|[0-9]+\\|.*|p\\|.*")).as(s).isTrue());
            // (Short words like "jaw" turn up in base64 now and then; these never do: '=' and '/' are not base64url.)
            assertThat(String.join(" ", after)).doesNotContain(ZONE, "illness", "jaw=", "neck=", ROUTINE);
            assertThat(figures(aliceToken)).isEqualTo(before);
            // Every byte of the store's file, as a backup would copy it (the local store rewrites it when it stops).
            SharedStack.stopStore();
            try {
                String file = new String(java.nio.file.Files.readAllBytes(SharedStack.get().dataDir().resolve("mongo").resolve("sukha.mv")),
                        java.nio.charset.StandardCharsets.ISO_8859_1);
                assertThat(file).contains(alice).doesNotContain(ZONE, "illness", "jaw=5", "neck=7", "thread-the-needle|");
            } finally {
                SharedStack.startStore();
            }
            int bobs = sent.get() * 6;
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().auth().oauth2(SharedStack.token(bob)).get("/v1/me/export")
                    .then().body("events", hasSize(bobs)));
            given().auth().oauth2(SharedStack.token(bob)).queryParam("zone", "UTC").get("/v1/me/streak").then()
                    .body("longest", equalTo(1));
        }
    }
}
