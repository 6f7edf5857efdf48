package dev.sukha.platform.tokens;

import dev.sukha.stack.JwtKeys;
import dev.sukha.stack.TokenKeysResource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
@QuarkusTestResource(TokenKeysResource.class)
class VerifiedTokensTest {

    @Inject
    MeterRegistry registry;

    /** Tokens found verified already (the meter appears with the first token the service sees). */
    private double hits() {
        var counter = registry.find("sukha_verified_tokens_hits").functionCounter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void aTokenSentAgainIsNotVerifiedAgain() {
        String token = TokenKeysResource.token("ana-" + UUID.randomUUID());
        double before = hits();
        for (int i = 0; i < 5; i++) {
            given().auth().oauth2(token).get("/who").then().statusCode(200);
        }
        assertThat(hits() - before).isEqualTo(4);
    }

    @Test
    void aRememberedTokenIsStillRefusedOnceItExpires() throws InterruptedException {
        String token = TokenKeysResource.token(Duration.ofSeconds(2), "bo-" + UUID.randomUUID());
        given().auth().oauth2(token).get("/who").then().statusCode(200);
        given().auth().oauth2(token).get("/who").then().statusCode(200);
        Thread.sleep(3500);
        given().auth().oauth2(token).get("/who").then().statusCode(401);
    }

    @Test
    void aTokenThatDoesNotVerifyIsNeverTakenForOneThatDid() throws Exception {
        String user = "cy-" + UUID.randomUUID();
        String good = TokenKeysResource.token(user);
        given().auth().oauth2(good).get("/who").then().statusCode(200);
        // The same claims under another signature, and the same signature under other claims: both refused.
        String[] parts = good.split("\\.");
        String otherKey = JwtKeys.loadOrCreate(Files.createTempDirectory("other-keys")).token(user, List.of(), Duration.ofMinutes(10));
        given().auth().oauth2(otherKey).get("/who").then().statusCode(401);
        String claims = new String(Base64.getUrlDecoder().decode(parts[1])).replace(user, "someone-else");
        String forged = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(claims.getBytes()) + "." + parts[2];
        given().auth().oauth2(forged).get("/who").then().statusCode(401);
        given().auth().oauth2(forged).get("/who").then().statusCode(401);
        assertThat(given().auth().oauth2(good).get("/who").then().statusCode(200).extract().asString()).isEqualTo(user);
    }
}
