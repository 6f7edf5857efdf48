package dev.sukha.system;

import dev.sukha.stack.SharedStack;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Health data sealed at rest, tried as someone holding a copy of the data files would: a person records
 * distinctive values through the public API (a pain map, a pose's discomfort, a skip's reason, a pause's
 * reason, a weekly goal, a zone, intake answers, a reminder's push endpoint), and then every byte of the store's data file and of every Kafka log
 * segment is searched for them in any form the services could have written them in — JSON, the event
 * lines and fingerprints they used to keep, Java-serialized documents. None may be there.
 */
class AtRestIT {

    private static final String ZONE = "Pacific/Chatham";
    /** A browser's push endpoint, as a reminder keeps it (a person's subscription is theirs, sealed like the rest). */
    private static final String ENDPOINT = "https://push.invalid/send/at-rest-" + UUID.randomUUID();

    /** What to look for, and in which forms; each a regular expression over the raw bytes (ISO-8859-1). */
    private static Map<String, List<String>> traces(String week) {
        Map<String, List<String>> t = new LinkedHashMap<>();
        t.put("pain before (tailbone 8)", List.of("tailbone=8", "\"tailbone\"\\s*:\\s*8", "tailbone\\x00\\x08\\x00\\x00\\x00"));
        t.put("pain after (feet 1)", List.of("feet=1[,}|]", "\"feet\"\\s*:\\s*1[,}]"));
        t.put("discomfort 8", List.of("discomfort=8", "\"discomfort\"\\s*:\\s*8", "\\|8\\|-"));
        t.put("skip reason too_hard", List.of("too_hard"));
        t.put("pause reason illness", List.of("illness"));
        t.put("zone", List.of(Pattern.quote(ZONE)));
        t.put("intake: how long it has lasted", List.of("OVER_12_WEEKS"));
        t.put("intake: a safety answer", List.of("NIGHT_PAIN"));
        t.put("reminder's push endpoint", List.of(Pattern.quote(ENDPOINT)));
        // A goal kept in the clear: the week it applies from, then the number — as the local store writes a document
        // (Java-serialized: an Integer, its class described or referred to) or as BSON (an int32 element).
        t.put("goal 6 from " + week, List.of(Pattern.quote(week) + "(?:sr\\x00\\x11java\\.lang\\.Integer[\\s\\S]{0,64}?xp|sq\\x00~\\x00[\\s\\S])"
                + "\\x00\\x00\\x00\\x06", Pattern.quote(week) + "\\x00\\x06\\x00\\x00\\x00"));
        return t;
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

    @Test
    void nothingAPersonRecordedIsInTheClearInAnyByteOfTheStoreOrTheLog() throws Exception {
        RunningSystem system = RunningSystem.get();
        String user = "at-rest-" + UUID.randomUUID().toString().substring(0, 8);
        String token = SharedStack.token(user);
        OffsetDateTime at = OffsetDateTime.now(ZoneId.of(ZONE)).minusHours(3).truncatedTo(ChronoUnit.MINUTES);
        String session = UUID.randomUUID().toString();
        List<Map<String, Object>> events = new ArrayList<>();
        events.add(event("SESSION_STARTED", session, at, Map.of("routineId", "upper-back-release", "zone", ZONE,
                "pain", Map.of("tailbone", 8, "feet", 3))));
        events.add(event("POSE_COMPLETED", session, at.plusMinutes(2), Map.of("step", 0, "discomfort", 8)));
        events.add(event("POSE_SKIPPED", session, at.plusMinutes(3), Map.of("step", 1, "reason", "too_hard")));
        events.add(event("SESSION_COMPLETED", session, at.plusMinutes(12), Map.of("pain", Map.of("tailbone", 6, "feet", 1))));
        given().baseUri(system.sessions.url()).auth().oauth2(token).contentType(ContentType.JSON).body(events)
                .post("/v1/events").then().statusCode(202);
        given().baseUri(system.insights.url()).auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("days", 6))
                .put("/v1/me/goal").then().statusCode(200);
        LocalDate today = LocalDate.now(ZoneId.of(ZONE));
        given().baseUri(system.insights.url()).auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("from", today.plusDays(3).toString(), "to", today.plusDays(5).toString(), "reason", "illness"))
                .post("/v1/me/pauses").then().statusCode(201);
        given().baseUri(system.insights.url()).auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("areas", List.of("lower_back"), "pain", Map.of("lower_back", 4), "duration", "OVER_12_WEEKS",
                        "spaces", List.of("chair"), "minutesPerDay", 10, "daysPerWeek", 6, "redFlags", List.of("NIGHT_PAIN")))
                .put("/v1/me/intake?zone=" + ZONE).then().statusCode(200);
        byte[] p256dh = new byte[65];
        p256dh[0] = 4;
        java.util.Base64.Encoder b64 = java.util.Base64.getUrlEncoder().withoutPadding();
        given().baseUri(system.insights.url()).auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("days", List.of("MONDAY"), "time", "07:15", "zone", ZONE, "subscription", Map.of("endpoint", ENDPOINT,
                        "keys", Map.of("p256dh", b64.encodeToString(p256dh), "auth", b64.encodeToString(new byte[16])))))
                .put("/v1/me/reminder").then().statusCode(200);
        await().atMost(Duration.ofSeconds(20)).until(() -> given().baseUri(system.insights.url()).auth().oauth2(token)
                .get("/v1/me/export").then().extract().jsonPath().getList("events").size() == events.size());
        // The figures are there, through the API: the values were recorded, not lost.
        given().baseUri(system.insights.url()).auth().oauth2(token).get("/v1/me/export").then()
                .body("events.find { it.type == 'POSE_SKIPPED' }.reason", org.hamcrest.Matchers.equalTo("too_hard"))
                .body("pauses[0].reason", org.hamcrest.Matchers.equalTo("illness"))
                .body("goals[-1].days", org.hamcrest.Matchers.equalTo(6))
                .body("intake.redFlags", org.hamcrest.Matchers.contains("NIGHT_PAIN"))
                .body("reminder.subscription.endpoint", org.hamcrest.Matchers.equalTo(ENDPOINT));
        String week = given().baseUri(system.insights.url()).auth().oauth2(token).get("/v1/me/export").then().extract()
                .path("goals[-1].fromWeek");

        // The store's file as it is while running (free pages included), then as a stopped store leaves it: whole.
        Thread.sleep(6_000);
        Path data = SharedStack.get().dataDir();
        List<String> found = new ArrayList<>();
        search(data.resolve("mongo").resolve("sukha.mv"), traces(week), found);
        SharedStack.stopStore();
        try {
            search(data.resolve("mongo").resolve("sukha.mv"), traces(week), found);
        } finally {
            SharedStack.startStore();
        }
        try (Stream<Path> logs = Files.walk(data.resolve("kafka"))) {
            for (Path segment : logs.filter(p -> p.toString().endsWith(".log")).toList()) {
                search(segment, traces(week), found);
            }
        }
        System.out.println("At rest: " + (found.isEmpty() ? "nothing found in the clear" : String.join("\n  ", found)));
        assertThat(found).as("health data in the clear in the data files").isEmpty();
        // The person's data is there, sealed: the search looked where it is.
        assertThat(Files.readString(data.resolve("mongo").resolve("sukha.mv"), StandardCharsets.ISO_8859_1)).contains(user);
    }

    private static void search(Path file, Map<String, List<String>> traces, List<String> found) {
        String bytes;
        try {
            bytes = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        traces.forEach((what, forms) -> {
            if (found.stream().anyMatch(f -> f.startsWith(what + " in " + file.getFileName() + " "))) {
                return;
            }
            for (String form : forms) {
                var m = Pattern.compile(form).matcher(bytes);
                if (m.find()) {
                    int from = Math.max(0, m.start() - 60);
                    String around = bytes.substring(from, Math.min(bytes.length(), m.end() + 60)).replaceAll("[^\\x20-\\x7e]", ".");
                    found.add(what + " in " + file.getFileName() + " as /" + form + "/: …" + around + "…");
                    return;
                }
            }
        });
    }
}
