package dev.sukha.routine.api;

import dev.sukha.stack.LocalStackResource;
import dev.sukha.stack.SharedStack;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** With the store down, reads and writes are 503 with Retry-After and a problem body; nothing half-written once it is back. */
@QuarkusTest
@QuarkusTestResource(LocalStackResource.class)
class StoreOutageTest {

    @Test
    void storeDownIs503WithRetryAfterAndTheCatalogueIsWholeAfterwards() {
        String editor = SharedStack.token("eddie", "editor");
        String id = "store-outage-" + System.nanoTime();
        String draft = """
                {"id":"%s","title":"Store outage","summary":"s","focus":["neck"],"level":"gentle","space":["chair"],
                 "steps":[{"pose":"chin-tucks","side":"none","hold":{"breaths":5}}]}""".formatted(id);

        SharedStack.stopStore();
        try {
            given().auth().oauth2(editor).contentType(ContentType.JSON).body(draft).when().post("/v1/routines")
                    .then().statusCode(503).contentType("application/problem+json")
                    .header("Retry-After", equalTo("2"))
                    .body("status", equalTo(503)).body("detail", containsString("Retry the same request"));
            given().auth().oauth2(SharedStack.token("reader")).when().get("/v1/routines/" + id)
                    .then().statusCode(503).contentType("application/problem+json").header("Retry-After", equalTo("2"));
        } finally {
            SharedStack.startStore();
        }

        // The refused draft was not kept; the same request now succeeds.
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() ->
                given().auth().oauth2(editor).when().get("/v1/routines/" + id + "/draft").statusCode() == 404);
        given().auth().oauth2(editor).contentType(ContentType.JSON).body(draft).when().post("/v1/routines")
                .then().statusCode(201);
        given().auth().oauth2(editor).when().get("/v1/routines/" + id + "/draft").then().statusCode(200)
                .body("title", equalTo("Store outage"));
    }
}
