package dev.sukha.platform.problem;

import dev.sukha.stack.TokenKeysResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

/**
 * The error contract every service keeps, tested once here: every 4xx/5xx is problem+json with
 * type, title, status and detail; validation lists every error by field (and index); an outage
 * is a 503 with Retry-After; our faults are 500s that leak nothing.
 */
@QuarkusTest
@QuarkusTestResource(TokenKeysResource.class)
class ErrorContractTest {

    private static ValidatableResponse problem(ValidatableResponse r, int status) {
        return r.statusCode(status).contentType(Problem.MEDIA_TYPE)
                .body("status", equalTo(status)).body("type", startsWith(Problem.TYPES))
                .body("title", notNullValue()).body("detail", notNullValue());
    }

    @Test
    void aProblemThrownBelowTheApiIsAnsweredAsItIs() {
        problem(given().get("/fail/problem").then(), 422)
                .body("errors[0].index", equalTo(3)).body("errors[0].field", equalTo("step"))
                .body("errors[1].index", nullValue()).body("errors[1].field", equalTo("zone"));
    }

    @Test
    void theStoreOrTheBrokerAwayIsA503WithRetryAfter() {
        problem(given().get("/fail/store").then(), 503).header("Retry-After", String.valueOf(Problem.RETRY_AFTER_SECONDS));
        problem(given().get("/fail/broker").then(), 503).header("Retry-After", String.valueOf(Problem.RETRY_AFTER_SECONDS));
    }

    @Test
    void aFaultOfOursIsA500ThatLeaksNothing() {
        problem(given().get("/fail/bug").then(), 500).body(not(containsString("secret")));
    }

    @Test
    void aClientThatWentAwayIsNotAFaultOfOurs() {
        problem(given().get("/fail/gone").then(), 400);
    }

    @Test
    void malformedJsonSaysWhatAndWhere() {
        problem(given().contentType(ContentType.JSON).body("{\"id\": \"a\", \"steps\": [").post("/fail/draft").then(), 400)
                .body("detail", containsString("line 1"));
        problem(given().contentType(ContentType.JSON).body("{\"id\": \"a\", \"steps\": [{\"hold\": {\"breaths\": \"many\"}}]}")
                .post("/fail/draft").then(), 400)
                .body("errors[0].field", equalTo("steps[0].hold.breaths"));
    }

    @Test
    void addressesMethodsAndMediaTypesThatDoNotFit() {
        problem(given().get("/nowhere/at/all").then(), 404).body("detail", containsString("/nowhere/at/all"));
        problem(given().delete("/fail/draft").then(), 405);
        problem(given().contentType(ContentType.TEXT).body("hello").post("/fail/draft").then(), 415);
    }

    @Test
    void aBodyOverTheLimitIsRefusedBeforeItIsRead() {
        problem(given().contentType(ContentType.JSON).body("{\"id\": \"" + "x".repeat(2048) + "\"}").post("/fail/draft").then(), 413);
    }

    @Test
    void noTokenIs401AndTheWrongRoleIs403() {
        problem(given().get("/fail/mine").then(), 401).header("WWW-Authenticate", "Bearer");
        problem(given().auth().oauth2("not-a-token").get("/fail/mine").then(), 401);
        given().auth().oauth2(TokenKeysResource.token("ana")).get("/fail/mine").then().statusCode(200);
        problem(given().auth().oauth2(TokenKeysResource.token("ana")).get("/fail/operators").then(), 403)
                .body(allOf(not(containsString("operator")), notNullValue()));
        given().auth().oauth2(TokenKeysResource.token("olga", "operator")).get("/fail/operators").then().statusCode(200);
    }
}
