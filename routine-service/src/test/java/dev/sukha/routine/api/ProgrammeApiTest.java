package dev.sukha.routine.api;

import dev.sukha.stack.LocalStackResource;
import dev.sukha.stack.SharedStack;
import dev.sukha.stack.Topics;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.lessThanOrEqualTo;

/**
 * The shipped programmes: published at start, listed and read whole through the API (with a token), each version
 * announced on the programmes topic in the shape of its schema.
 */
@QuarkusTest
@QuarkusTestResource(LocalStackResource.class)
class ProgrammeApiTest {

    private static String user() {
        return SharedStack.token("ana");
    }

    @Test
    void theShippedProgrammesAreListedAndReadWhole() {
        given().auth().oauth2(user()).get("/v1/programmes").then().statusCode(200)
                .body("id", hasItems("neck-and-shoulders", "upper-back", "lower-back"))
                .body("stages", everyItem(greaterThanOrEqualTo(3))).body("stages", everyItem(lessThanOrEqualTo(4)));
        given().auth().oauth2(user()).get("/v1/programmes/lower-back").then().statusCode(200)
                .body("version", equalTo(1)).body("areas", hasItems("lower_back"))
                .body("stages", hasSize(4))
                .body("stages[0].routines", hasItems("lower-back-five", "in-bed-unwind", "chair-only"))
                .body("stages[0].variants.bridge", equalTo("GENTLER"));
        given().auth().oauth2(user()).get("/v1/programmes/upper-back/versions/1").then().statusCode(200)
                .body("stages.title", contains("Wake the spine", "Release", "Strengthen", "Whole sequence"));
        given().auth().oauth2(user()).get("/v1/programmes/nothing-here").then().statusCode(404)
                .contentType("application/problem+json");
        given().auth().oauth2(user()).get("/v1/programmes/upper-back/versions/two").then().statusCode(400);
        given().get("/v1/programmes").then().statusCode(401);
    }

    @Test
    void eachStageOffersEveryLengthFromFiveMinutes() {
        // A person with five minutes finds something at the first stage of every programme.
        for (String id : List.of("neck-and-shoulders", "upper-back", "lower-back")) {
            List<String> first = given().auth().oauth2(user()).get("/v1/programmes/" + id).then().statusCode(200)
                    .extract().jsonPath().getList("stages[0].routines", String.class);
            int shortest = first.stream().mapToInt(r -> given().auth().oauth2(user()).get("/v1/routines/" + r).then()
                    .extract().jsonPath().getInt("minutes")).min().orElseThrow();
            assertThat(shortest).as(id).isLessThanOrEqualTo(5);
        }
    }

    @Test
    void everyVersionIsAnnouncedInTheShapeOfItsSchema() {
        try (KafkaCompanion kafka = new KafkaCompanion(SharedStack.get().bootstrapServers())) {
            Map<String, String> latest = new HashMap<>();
            kafka.consumeStrings().fromTopics(Topics.PROGRAMMES, 3).awaitCompletion(Duration.ofSeconds(30)).getRecords()
                    .forEach((ConsumerRecord<String, String> r) -> latest.put(r.key(), r.value()));
            assertThat(latest).containsKeys("neck-and-shoulders", "upper-back", "lower-back");
            latest.values().forEach(value -> Contracts.assertValid("schemas/programme-record.v1.json", value));
        }
    }
}
