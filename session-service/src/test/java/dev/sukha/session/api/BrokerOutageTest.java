package dev.sukha.session.api;

import dev.sukha.stack.Topics;
import dev.sukha.session.store.RoutineViewStore;
import dev.sukha.stack.LocalStackResource;
import dev.sukha.stack.SharedStack;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.sukha.session.api.Fixtures.ROUTINE;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

/** With the broker down a request is 503 with Retry-After; the same request later succeeds, with no loss. */
@QuarkusTest
@QuarkusTestResource(LocalStackResource.class)
class BrokerOutageTest {

    @Inject
    RoutineViewStore view;

    @Test
    void brokerDownIs503AndTheRetryRecordsEveryEventOnce() {
        try (KafkaCompanion kafka = new KafkaCompanion(SharedStack.get().bootstrapServers())) {
            if (view.find(ROUTINE).isEmpty()) {
                Fixtures.announceRoutine(kafka, ROUTINE, 2, 4);
                await().atMost(Duration.ofSeconds(30)).until(() -> view.find(ROUTINE).isPresent());
            }
            String user = "outage-" + UUID.randomUUID();
            String token = SharedStack.token(user);
            List<Map<String, Object>> batch = Fixtures.session(UUID.randomUUID(), 4, Fixtures.minutesAgo(15));

            SharedStack.stopBroker();
            try {
                given().auth().oauth2(token).contentType(ContentType.JSON).body(batch).when().post("/v1/events")
                        .then().statusCode(503).contentType("application/problem+json")
                        .header("Retry-After", notNullValue());
            } finally {
                SharedStack.startBroker();
            }
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() ->
                    given().auth().oauth2(token).contentType(ContentType.JSON).body(batch).when().post("/v1/events")
                            .statusCode() == 202);
            given().auth().oauth2(token).contentType(ContentType.JSON).body(batch).when().post("/v1/events")
                    .then().statusCode(202).body("results.status", everyItem(equalTo("DUPLICATE")));

            ConsumerTask<String, String> task = kafka.consumeStrings().fromTopics(Topics.PRACTICE_EVENTS,
                    records -> records.select().where(r -> r.key().equals(user)));
            task.awaitRecords(batch.size(), Duration.ofSeconds(20));
            List<String> ids = task.getRecords().stream()
                    .map(r -> r.value().replaceAll(".*\"eventId\":\"([^\"]+)\".*", "$1")).toList();
            task.stop();
            // Every event is there; a send the broker took before it stopped may be there twice,
            // which consumers absorb by event id.
            assertThat(ids).containsAll(batch.stream().map(e -> (String) e.get("eventId")).toList());
        }
    }
}
