package dev.sukha.platform.fairuse;

import dev.sukha.stack.TokenKeysResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** A client looping on 429s is answered at the pace its budget refills, not as fast as it asks. */
@QuarkusTest
@TestProfile(RefusalPaceTest.Paced.class)
@QuarkusTestResource(TokenKeysResource.class)
class RefusalPaceTest {

    public static class Paced implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("sukha.fair-use.refusal-delay-max", "1s", "sukha.fair-use.writes-per-second", "2",
                    "sukha.fair-use.writes-burst", "2");
        }
    }

    @Test
    void aLoopOnRefusalsIsPacedToTheBudget() {
        String ana = TokenKeysResource.token("ana-" + UUID.randomUUID());
        int accepted = 0;
        int refused = 0;
        long t0 = System.nanoTime();
        // As fast as answered, from one connection: two in the burst, then at most one every half second.
        for (int i = 0; i < 12; i++) {
            int status = given().auth().oauth2(ana).post("/spend/write").then().extract().statusCode();
            if (status == 202) {
                accepted++;
            } else {
                assertThat(status).isEqualTo(429);
                refused++;
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertThat(refused).isPositive();
        // Each refusal was answered when the next token came, so the next request went through: answered at
        // once, ten of the twelve would have been refused within milliseconds.
        assertThat(refused).as("refused, of 12").isLessThanOrEqualTo(accepted);
        assertThat(seconds).as("12 requests, %d accepted", accepted).isGreaterThanOrEqualTo(0.9 * (accepted - 2) / 2.0);
    }
}
