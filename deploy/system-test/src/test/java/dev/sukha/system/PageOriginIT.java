package dev.sukha.system;

import dev.sukha.stack.SharedStack;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/**
 * Locally the page (insights-service's origin) calls routine- and session-service on their own
 * ports: they allow exactly its origin by CORS, with the headers the page sends and reads, no
 * credentials, and refuse any other origin.
 */
class PageOriginIT {

    @Test
    void routinesAndEventsAllowThePagesOriginAndNoOther() {
        RunningSystem system = RunningSystem.get();
        String page = system.insights.url();
        String token = SharedStack.token("cors");
        for (var target : List.of(List.of(system.routines.url(), "/v1/routines", "GET"), List.of(system.sessions.url(), "/v1/events", "POST"))) {
            given().baseUri(target.get(0)).header("Origin", page).header("Access-Control-Request-Method", target.get(2))
                    .header("Access-Control-Request-Headers", "authorization,content-type")
                    .when().options(target.get(1)).then().statusCode(200)
                    .header("Access-Control-Allow-Origin", equalTo(page))
                    .header("Access-Control-Allow-Headers", containsString("Authorization"))
                    .header("Access-Control-Expose-Headers", containsString("Retry-After"))
                    .header("Access-Control-Allow-Credentials", equalTo("false"));
            given().baseUri(target.get(0)).header("Origin", "http://elsewhere.example").header("Access-Control-Request-Method", target.get(2))
                    .when().options(target.get(1)).then().statusCode(403).header("Access-Control-Allow-Origin", nullValue());
        }
        given().baseUri(system.routines.url()).header("Origin", page).auth().oauth2(token).when().get("/v1/routines")
                .then().statusCode(200).header("Access-Control-Allow-Origin", equalTo(page));
        given().baseUri(system.routines.url()).header("Origin", "http://elsewhere.example").auth().oauth2(token).when().get("/v1/routines")
                .then().statusCode(403);
    }
}
