package dev.sukha.system;

import dev.sukha.stack.SharedStack;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;

/**
 * The whole path through the three packaged services on the real broker and store:
 * routine-service announces a routine, session-service learns it from the topic and
 * records a session, insights-service counts the practice day.
 */
class WalkingSkeletonIT {

    private static ServiceProcess routines;
    private static ServiceProcess sessions;
    private static ServiceProcess insights;

    @BeforeAll
    static void start() {
        RunningSystem system = RunningSystem.get();
        routines = system.routines;
        sessions = system.sessions;
        insights = system.insights;
    }

    @Test
    void aPublishedRoutineIsPractisedAndTheDayCounts() {
        String editor = SharedStack.token("eddie", "editor");
        String id = "skeleton-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> draft = Map.of("id", id, "title", "Skeleton", "summary", "Two steps.",
                "focus", List.of("neck"), "level", "gentle", "space", List.of("chair"),
                "steps", List.of(
                        Map.of("pose", "seated-spine-waves", "side", "none", "hold", Map.of("breaths", 5)),
                        Map.of("pose", "thread-the-needle", "side", "left", "hold", Map.of("breaths", 5))));
        given().baseUri(routines.url()).auth().oauth2(editor).contentType(ContentType.JSON).body(draft)
                .when().post("/v1/routines").then().statusCode(201);
        given().baseUri(routines.url()).auth().oauth2(editor).when().post("/v1/routines/" + id + "/publish")
                .then().statusCode(201).body("version", equalTo(1));
        long published = System.nanoTime();

        String user = "walker-" + UUID.randomUUID();
        String token = SharedStack.token(user);
        // Lisbon, or Tokyo near Lisbon's midnight: the session starts 12 minutes ago and must fall on today.
        ZoneId zone = Zones.awayFromMidnight(ZoneId.of("Europe/Lisbon"), ZoneId.of("Asia/Tokyo"));
        OffsetDateTime start = OffsetDateTime.now(zone).minusMinutes(12).truncatedTo(ChronoUnit.SECONDS);
        UUID session = UUID.randomUUID();
        List<Map<String, Object>> events = List.of(
                Map.of("eventId", UUID.randomUUID().toString(), "type", "SESSION_STARTED", "sessionId", session.toString(),
                        "occurredAt", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(start), "routineId", id,
                        "zone", zone.getId(), "pain", Map.of("neck", 5)),
                Map.of("eventId", UUID.randomUUID().toString(), "type", "SESSION_COMPLETED", "sessionId", session.toString(),
                        "occurredAt", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(start.plusMinutes(10)), "pain", Map.of("neck", 2)));
        // session-service knows the routine once it has read it from the topic: within a second or two.
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).until(() ->
                given().baseUri(sessions.url()).auth().oauth2(token).contentType(ContentType.JSON).body(events)
                        .when().post("/v1/events").statusCode() == 202);
        System.out.printf("publish → session-service accepts the routine: %d ms%n", (System.nanoTime() - published) / 1_000_000);
        given().baseUri(sessions.url()).auth().oauth2(token).contentType(ContentType.JSON).body(events)
                .when().post("/v1/events").then().statusCode(202).body("results.status", everyItem(equalTo("DUPLICATE")));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                given().baseUri(insights.url()).auth().oauth2(token).when().get("/v1/me/streak")
                        .then().statusCode(200)
                        .body("current", equalTo(1))
                        .body("practicedToday", equalTo(true))
                        .body("today", equalTo(LocalDate.now(zone).toString())));
        given().baseUri(insights.url()).auth().oauth2(token).when().get("/v1/me/progress/weekly")
                .then().statusCode(200).body("minutes", equalTo(10)).body("pain.meaningful", equalTo(1));
        // insights learnt the title from the routines topic too.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                given().baseUri(insights.url()).auth().oauth2(token).when().get("/v1/me/routines/relief")
                        .then().statusCode(200).body("routineId", hasItem(id)).body("title", hasItem("Skeleton")));
    }

    @Test
    void everyServiceServesOperationsEndpointsWithoutAToken() {
        for (ServiceProcess p : List.of(routines, sessions, insights)) {
            given().baseUri(p.managementUrl()).when().get("/q/health/live").then().statusCode(200);
            given().baseUri(p.managementUrl()).when().get("/q/health/ready").then().statusCode(200);
            given().baseUri(p.managementUrl()).when().get("/q/metrics").then().statusCode(200);
            given().baseUri(p.managementUrl()).when().get("/q/openapi").then().statusCode(200);
            // Nothing of the operations endpoints on the public port: that is the one a route exposes.
            for (String ops : java.util.List.of("/q/metrics", "/q/health/ready", "/q/openapi", "/q/swagger-ui/")) {
                given().baseUri(p.url()).when().get(ops).then().statusCode(404);
            }
            given().baseUri(p.url()).when().get("/v1/nothing").then().statusCode(404)
                    .contentType("application/problem+json");
        }
    }
}
