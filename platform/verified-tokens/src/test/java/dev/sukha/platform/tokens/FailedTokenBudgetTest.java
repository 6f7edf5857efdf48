package dev.sukha.platform.tokens;

import dev.sukha.stack.JwtKeys;
import dev.sukha.stack.TokenKeysResource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/** An address that sent three tokens that did not verify gets its next unknown token refused before verification. */
@QuarkusTest
@QuarkusTestResource(TokenKeysResource.class)
@TestProfile(FailedTokenBudgetTest.SmallBudget.class)
class FailedTokenBudgetTest {

    public static class SmallBudget implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("sukha.verified-tokens.failures-burst", "3", "sukha.verified-tokens.failures-per-second", "0.05");
        }
    }

    @Inject
    MeterRegistry registry;

    @Test
    void pastItsBudgetAnAddressesUnknownTokensAreRefusedAndItsKnownOnesStillPass() throws Exception {
        String known = TokenKeysResource.token("dee-" + UUID.randomUUID());
        given().auth().oauth2(known).get("/who").then().statusCode(200);
        JwtKeys stranger = JwtKeys.loadOrCreate(Files.createTempDirectory("stranger-keys"));
        for (int i = 0; i < 3; i++) {
            given().auth().oauth2(stranger.token("forger-" + i, List.of(), Duration.ofMinutes(5))).get("/who")
                    .then().statusCode(401);
        }
        double refusedBefore = registry.get("sukha.tokens.refused.unverified").counter().count();
        given().auth().oauth2(stranger.token("forger-3", List.of(), Duration.ofMinutes(5))).get("/who")
                .then().statusCode(429).contentType("application/problem+json").header("Retry-After", equalTo("20"))
                .body("status", equalTo(429));
        // A token the service verified before costs nothing to accept: the person behind the same address goes on.
        given().auth().oauth2(known).get("/who").then().statusCode(200);
        // A new token, valid or not, waits for the budget: it would cost a verification.
        given().auth().oauth2(TokenKeysResource.token("eve-" + UUID.randomUUID())).get("/who").then().statusCode(429);
        // No token at all is not a token to verify.
        given().get("/who").then().statusCode(401);
        assertThat(registry.get("sukha.tokens.refused.unverified").counter().count() - refusedBefore).isEqualTo(2);
    }
}
