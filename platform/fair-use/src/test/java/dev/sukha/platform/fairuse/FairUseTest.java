package dev.sukha.platform.fairuse;

import dev.sukha.stack.TokenKeysResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
@QuarkusTestResource(TokenKeysResource.class)
class FairUseTest {

    private static ExtractableResponse<Response> post(String token, String path) {
        return given().auth().oauth2(token).post("/spend/" + path).then().extract();
    }

    @Test
    void aPersonPastTheirBudgetIsRefusedBeforeTheOperationRunsWithWhenToComeBack() {
        String ana = TokenKeysResource.token("ana-" + UUID.randomUUID());
        int ranBefore = Spenders.RAN.get();
        for (int left = 2; left >= 0; left--) {
            ExtractableResponse<Response> ok = post(ana, "write");
            assertThat(ok.statusCode()).isEqualTo(202);
            assertThat(ok.header("RateLimit")).startsWith("\"writes\";r=" + left + ";t=");
            assertThat(ok.header("RateLimit-Policy")).isEqualTo("\"writes\";q=3;w=3");
        }
        ExtractableResponse<Response> refused = post(ana, "write");
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.jsonPath().getString("type")).isEqualTo("https://sukha.dev/problems/too-many-requests");
        assertThat(refused.jsonPath().getInt("status")).isEqualTo(429);
        assertThat(refused.jsonPath().getString("detail")).contains("Nothing was done", "again in 1 second");
        assertThat(refused.header("Retry-After")).isEqualTo("1");
        assertThat(refused.header("RateLimit")).isEqualTo("\"writes\";r=0;t=1");
        assertThat(refused.header("RateLimit-Policy")).isEqualTo("\"writes\";q=3;w=3");
        // The operation ran for the three that went through, never for the refused one.
        assertThat(Spenders.RAN.get() - ranBefore).isEqualTo(3);
    }

    @Test
    void oneFloodingPersonTakesNothingFromAnother() {
        String ana = TokenKeysResource.token("ana-" + UUID.randomUUID());
        for (int i = 0; i < 10; i++) {
            post(ana, "write");
        }
        assertThat(post(ana, "write").statusCode()).isEqualTo(429);
        assertThat(post(TokenKeysResource.token("bo-" + UUID.randomUUID()), "write").statusCode()).isEqualTo(202);
        // Without a token it is the operation's own 401, never a 429.
        given().post("/spend/write").then().statusCode(401);
    }

    @Test
    void theBudgetRefillsAtItsRate() throws InterruptedException {
        String ana = TokenKeysResource.token("ana-" + UUID.randomUUID());
        for (int i = 0; i < 4; i++) {
            post(ana, "write");
        }
        assertThat(post(ana, "write").statusCode()).isEqualTo(429);
        Thread.sleep(1100);
        assertThat(post(ana, "write").statusCode()).isEqualTo(202);
        assertThat(post(ana, "write").statusCode()).isEqualTo(429);
    }

    @Test
    void operatorsHaveABucketOfTheirOwnAndReadsNone() {
        String olga = TokenKeysResource.token("olga-" + UUID.randomUUID(), "operator");
        assertThat(post(olga, "operate").statusCode()).isEqualTo(202);
        assertThat(post(olga, "operate").statusCode()).isEqualTo(202);
        ExtractableResponse<Response> refused = post(olga, "operate");
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.header("RateLimit-Policy")).isEqualTo("\"operators\";q=2;w=2");
        // Her own writes are another budget.
        assertThat(post(olga, "write").statusCode()).isEqualTo(202);
        for (int i = 0; i < 30; i++) {
            given().auth().oauth2(olga).get("/spend/read").then().statusCode(200).header("RateLimit", (String) null);
        }
    }
}
