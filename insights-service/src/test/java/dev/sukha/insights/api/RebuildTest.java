package dev.sukha.insights.api;

import dev.sukha.stack.LocalStackResource;
import dev.sukha.stack.SharedStack;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;

/** A rebuild recomputes the same figures from the topic, while reads keep answering. */
@QuarkusTest
@QuarkusTestResource(LocalStackResource.class)
class RebuildTest {

    @Test
    void rebuildGivesTheSameFiguresAndReadsGoOn() {
        String user = "rebuild-" + UUID.randomUUID();
        String token = SharedStack.token(user);
        OffsetDateTime start = OffsetDateTime.now(ZoneOffset.UTC).minusDays(1).withHour(9);
        try (KafkaCompanion kafka = new KafkaCompanion(SharedStack.get().bootstrapServers())) {
            new Events(user)
                    .session("upper-back-release", 4, "UTC", start, 20, 4, "SESSION_COMPLETED", Map.of("neck", 5), Map.of("neck", 2))
                    .session("upper-back-release", 4, "UTC", start.minusDays(1), 20, 4, "SESSION_COMPLETED", Map.of("neck", 6), Map.of("neck", 2))
                    .send(kafka);
        }
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().auth().oauth2(token)
                .queryParam("zone", "UTC").get("/v1/me/streak").then().body("current", equalTo(2)));
        String before = given().auth().oauth2(token).get("/v1/me/routines/relief").asString();

        String operator = SharedStack.token("olga", "operator");
        given().auth().oauth2(operator).when().post("/v1/admin/rebuild").then().statusCode(202)
                .body("state", equalTo("RUNNING"));
        // Reads go on meanwhile.
        given().auth().oauth2(token).queryParam("zone", "UTC").get("/v1/me/streak").then().statusCode(200);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().auth().oauth2(operator)
                .get("/v1/admin/rebuild").then().body("state", equalTo("DONE")));
        given().auth().oauth2(operator).get("/v1/admin/rebuild").then()
                .body("processed", greaterThanOrEqualTo(10));
        given().auth().oauth2(token).queryParam("zone", "UTC").get("/v1/me/streak").then().body("current", equalTo(2))
                .body("longest", equalTo(2));
        given().auth().oauth2(token).get("/v1/me/routines/relief").then().body(equalTo(before));
    }
}
