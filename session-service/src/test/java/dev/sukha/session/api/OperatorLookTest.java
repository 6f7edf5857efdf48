package dev.sukha.session.api;

import dev.sukha.session.store.RoutineViewStore;
import dev.sukha.stack.LocalStackResource;
import dev.sukha.stack.SharedStack;
import dev.sukha.stack.Topics;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static dev.sukha.session.api.Fixtures.ROUTINE;
import static dev.sukha.session.api.Fixtures.minutesAgo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * An operator's look at someone's session goes on the access-records topic, in the shape of its schema,
 * before the session is served; a person reading their own session is no look.
 */
@QuarkusTest
@QuarkusTestResource(LocalStackResource.class)
class OperatorLookTest {

    @Inject
    RoutineViewStore view;

    @Test
    void anOperatorsReadOfSomeonesSessionIsRecordedAndTheirOwnIsNot() {
        try (KafkaCompanion kafka = new KafkaCompanion(SharedStack.get().bootstrapServers())) {
            if (view.find(ROUTINE).map(r -> r.latest() >= 2).orElse(false) == Boolean.FALSE) {
                Fixtures.announceRoutine(kafka, ROUTINE, 2, 4);
                await().atMost(Duration.ofSeconds(30)).until(() -> view.find(ROUTINE).map(r -> r.latest() == 2).orElse(false));
            }
            String dora = "looked-dora-" + UUID.randomUUID();
            String token = SharedStack.token(dora);
            UUID session = UUID.randomUUID();
            given().auth().oauth2(token).contentType(ContentType.JSON).body(Fixtures.session(session, 4, minutesAgo(30)))
                    .post("/v1/events").then().statusCode(202);
            ConsumerTask<String, String> looks = kafka.consumeStrings().fromTopics(Topics.ACCESS_RECORDS,
                    r -> r.select().where(c -> dora.equals(c.key())));
            given().auth().oauth2(token).get("/v1/sessions/" + session).then().statusCode(200);
            given().auth().oauth2(SharedStack.token("olga", "operator")).get("/v1/sessions/" + session).then().statusCode(200)
                    .body("zone", equalTo("Europe/Paris"));
            looks.awaitRecords(1, Duration.ofSeconds(10));
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> looks.count() == 1);
            looks.stop();
            String value = looks.getRecords().get(0).value();
            Contracts.assertValid(Contracts.ACCESS_RECORD, value);
            assertThat(value).contains("\"operator\":\"olga\"", "\"route\":\"GET /v1/sessions/{id}\"")
                    .doesNotContain(session.toString(), "Europe/Paris", "neck");
            assertThat(List.of(looks.getRecords().get(0).key())).containsExactly(dora);
        }
    }
}
