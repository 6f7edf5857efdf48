package dev.sukha.routine.api;

import dev.sukha.stack.Topics;
import dev.sukha.stack.LocalStackResource;
import dev.sukha.stack.SharedStack;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

/** With the broker down, publish is 503 and the version is kept; it is announced once the broker is back. */
@QuarkusTest
@QuarkusTestResource(LocalStackResource.class)
class PublishOutageTest {

    @Test
    void aVersionStoredDuringAnOutageIsAnnouncedAfterwards() {
        String editor = SharedStack.token("eddie", "editor");
        String id = "outage-" + System.nanoTime();
        String draft = """
                {"id":"%s","title":"Outage","summary":"s","focus":["neck"],"level":"gentle","space":["chair"],
                 "steps":[{"pose":"chin-tucks","side":"none","hold":{"breaths":5}}]}""".formatted(id);
        given().auth().oauth2(editor).contentType(ContentType.JSON).body(draft).post("/v1/routines").then().statusCode(201);

        SharedStack.stopBroker();
        try {
            given().auth().oauth2(editor).when().post("/v1/routines/" + id + "/publish")
                    .then().statusCode(503).contentType("application/problem+json").header("Retry-After", notNullValue());
        } finally {
            SharedStack.startBroker();
        }
        // Stored meanwhile, and never a second version for the same draft.
        given().auth().oauth2(editor).when().get("/v1/routines/" + id + "/versions/1").then().statusCode(200);

        try (KafkaCompanion kafka = new KafkaCompanion(SharedStack.get().bootstrapServers())) {
            ConsumerTask<String, String> records = kafka.consumeStrings()
                    .fromTopics(Topics.ROUTINES, stream -> stream.select().where(r -> r.key().equals(id)));
            // The retried publish (or the background retry, whichever comes first) announces version 1.
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() -> {
                int status = given().auth().oauth2(editor).when().post("/v1/routines/" + id + "/publish").statusCode();
                return status == 201 || status == 409;
            });
            given().auth().oauth2(editor).when().post("/v1/routines/" + id + "/publish").then().statusCode(409);
            // Announcing is at-least-once (another instance's retry may race); consumers apply it idempotently.
            await().atMost(Duration.ofSeconds(20)).until(() -> records.count() >= 1);
            records.stop();
            assertThat(records.getRecords()).allSatisfy(r ->
                    assertThat(new JsonObject(r.value()).getInteger("version")).isEqualTo(1));
            given().auth().oauth2(editor).when().get("/v1/routines/" + id).then().body("version", equalTo(1));
        }
    }
}
