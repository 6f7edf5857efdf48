package dev.sukha.routine.api;

import dev.sukha.stack.LocalStackResource;
import dev.sukha.stack.SharedStack;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

/** Malformed requests are answered 4xx problem+json, never 5xx. */
@QuarkusTest
@QuarkusTestResource(LocalStackResource.class)
class MalformedRequestTest {

    /** The management interface: health, metrics and the OpenAPI document are served there, not on the public port. */
    @io.quarkus.test.common.http.TestHTTPResource(value = "/", management = true)
    java.net.URL management;

    private static String editor() {
        return SharedStack.token("eddie", "editor");
    }

    @Test
    void brokenJsonIs400() {
        given().auth().oauth2(editor()).contentType(ContentType.JSON).body("{\"id\": ")
                .when().post("/v1/routines")
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", containsString("malformed")).body("detail", notNullValue());
    }

    @Test
    void wrongTypesAre400NamingTheField() {
        given().auth().oauth2(editor()).contentType(ContentType.JSON)
                .body("{\"id\":\"x\",\"steps\":[{\"pose\":\"p\",\"hold\":{\"breaths\":\"many\"}}]}")
                .when().post("/v1/routines")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("steps[0].hold.breaths"));
    }

    @Test
    void emptyBodyIs400() {
        given().auth().oauth2(editor()).contentType(ContentType.JSON).body("")
                .when().post("/v1/routines")
                .then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void wrongContentTypeIs415() {
        given().auth().oauth2(editor()).contentType(ContentType.TEXT).body("hello")
                .when().post("/v1/routines")
                .then().statusCode(415).contentType("application/problem+json");
    }

    @Test
    void unknownPathIs404() {
        given().auth().oauth2(editor()).when().get("/v2/nothing/here")
                .then().statusCode(404).contentType("application/problem+json").body("status", equalTo(404));
    }

    @Test
    void wrongMethodIs405() {
        given().auth().oauth2(editor()).when().delete("/v1/poses")
                .then().statusCode(405).contentType("application/problem+json");
    }

    @Test
    void oversizedBodyIs413() {
        String huge = "{\"id\":\"" + "a".repeat(400 * 1024) + "\"}";
        given().auth().oauth2(editor()).contentType(ContentType.JSON).body(huge)
                .when().post("/v1/routines")
                .then().statusCode(413).contentType("application/problem+json");
    }

    @Test
    void operationsEndpointsAreNotOnThePublicPort() {
        for (String ops : java.util.List.of("/q/health/ready", "/q/metrics", "/q/openapi", "/q/swagger-ui/")) {
            given().when().get(ops).then().statusCode(404).contentType("application/problem+json");
        }
    }

    @Test
    void operationsEndpointsNeedNoToken() {
        given().baseUri(management.getProtocol() + "://" + management.getAuthority()).when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().baseUri(management.getProtocol() + "://" + management.getAuthority()).when().get("/q/health/live").then().statusCode(200);
        given().baseUri(management.getProtocol() + "://" + management.getAuthority()).when().get("/q/metrics").then().statusCode(200).body(containsString("http_server"));
        given().baseUri(management.getProtocol() + "://" + management.getAuthority()).when().get("/q/openapi").then().statusCode(200).body(containsString("/v1/routines/{id}/publish"));
    }
}
