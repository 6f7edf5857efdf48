package dev.sukha.system;

import dev.sukha.stack.JwtKeys;
import dev.sukha.stack.SharedStack;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * The small doors of the packaged services, each tried as someone would who means harm: a token without the
 * person's role, a token meant to live for years, a forged Host header, a body too large for its length to be
 * known in advance, and a body of many thousands of unknown fields.
 */
class DoorsIT {

    private static RunningSystem system;
    private static JwtKeys keys;

    @BeforeAll
    static void start() {
        system = RunningSystem.get();
        keys = JwtKeys.existing(SharedStack.get().dataDir().resolve("keys"));
    }

    /** A token signed by the stack's key, issued now, with these roles and lifetime. */
    private static String token(String user, List<String> roles, Duration lifetime) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(JwtKeys.ISSUER);
        claims.setSubject(user);
        claims.setClaim("upn", user);
        if (!roles.isEmpty()) {
            claims.setStringListClaim("groups", roles);
        }
        claims.setIssuedAtToNow();
        NumericDate expires = NumericDate.now();
        expires.addSeconds(lifetime.toSeconds());
        claims.setExpirationTime(expires);
        claims.setGeneratedJwtId();
        return keys.sign(claims);
    }

    @Test
    void aTokenWithoutTheUserRoleReachesNoPersonsRoute() {
        String roleless = token("nobody-" + UUID.randomUUID(), List.of(), Duration.ofHours(1));
        String user = token("somebody-" + UUID.randomUUID(), List.of("user"), Duration.ofHours(1));
        given().baseUri(system.insights.url()).auth().oauth2(roleless).get("/v1/me/streak").then().statusCode(403)
                .contentType("application/problem+json");
        given().baseUri(system.insights.url()).auth().oauth2(roleless).get("/v1/me/export").then().statusCode(403);
        given().baseUri(system.sessions.url()).auth().oauth2(roleless).contentType(ContentType.JSON).body("[]")
                .post("/v1/events").then().statusCode(403).contentType("application/problem+json");
        given().baseUri(system.routines.url()).auth().oauth2(roleless).get("/v1/routines").then().statusCode(403);
        // The same person with the role: the routes answer.
        given().baseUri(system.insights.url()).auth().oauth2(user).get("/v1/me/streak").then().statusCode(200);
        given().baseUri(system.routines.url()).auth().oauth2(user).get("/v1/routines").then().statusCode(200);
    }

    @Test
    void aTokenMeantToLiveLongerThanADayIsRefused() {
        String person = "long-lived-" + UUID.randomUUID();
        for (Duration lifetime : List.of(Duration.ofDays(3650), Duration.ofHours(25))) {
            String token = token(person, List.of("user"), lifetime);
            for (ServiceProcess service : system.all()) {
                String route = service == system.routines ? "/v1/routines" : service == system.sessions ? "/v1/sessions/" + UUID.randomUUID() : "/v1/me/streak";
                given().baseUri(service.url()).auth().oauth2(token).get(route).then().statusCode(401)
                        .contentType("application/problem+json");
            }
        }
        given().baseUri(system.insights.url()).auth().oauth2(token(person, List.of("user"), Duration.ofHours(23)))
                .get("/v1/me/streak").then().statusCode(200);
    }

    @Test
    void aForgedHostNeverBecomesALink() {
        String token = token("host-" + UUID.randomUUID(), List.of("user"), Duration.ofHours(1));
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        Response created = given().baseUri(system.insights.url()).auth().oauth2(token).header("Host", "evil.example")
                .contentType(ContentType.JSON).queryParam("zone", "UTC")
                .body(Map.of("from", today.toString(), "to", today.plusDays(2).toString(), "reason", "flare"))
                .post("/v1/me/pauses");
        assertThat(created.statusCode()).as(created.asString()).isEqualTo(201);
        assertThat(created.header("Location")).isNotNull().doesNotContain("evil.example").startsWith("/v1/me/pauses/");

        String editor = SharedStack.token("eddie", "editor");
        String id = "doors-" + UUID.randomUUID().toString().substring(0, 8);
        Response draft = given().baseUri(system.routines.url()).auth().oauth2(editor).header("Host", "evil.example")
                .contentType(ContentType.JSON).body(Map.of("id", id, "title", "Doors", "summary", "One step.",
                        "focus", List.of("neck"), "level", "gentle", "space", List.of("chair"),
                        "steps", List.of(Map.of("pose", "seated-spine-waves", "side", "none", "hold", Map.of("breaths", 5)))))
                .post("/v1/routines");
        assertThat(draft.statusCode()).as(draft.asString()).isEqualTo(201);
        assertThat(draft.header("Location")).doesNotContain("evil.example");
    }

    @Test
    void aChunkedBodyOverTheLimitIsRefusedAsAProblem() throws Exception {
        String token = token("chunky-" + UUID.randomUUID(), List.of("user"), Duration.ofHours(1));
        byte[] chunk = new byte[64 * 1024];
        java.util.Arrays.fill(chunk, (byte) ' ');
        // 2 MiB of a JSON array's whitespace, sent without a Content-Length: the server learns the size only by reading.
        HttpRequest request = HttpRequest.newBuilder(URI.create(system.sessions.url() + "/v1/events"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new InputStream() {
                    private int sent;

                    @Override
                    public int read() {
                        byte[] one = new byte[1];
                        return read(one, 0, 1) < 0 ? -1 : one[0];
                    }

                    @Override
                    public int read(byte[] b, int off, int len) {
                        if (sent >= 2 * 1024 * 1024) {
                            return -1;
                        }
                        int n = Math.min(len, chunk.length);
                        System.arraycopy(chunk, 0, b, off, n);
                        if (sent == 0) {
                            b[off] = '[';
                        }
                        sent += n;
                        return n;
                    }
                })).build();
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpResponse<String> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new AssertionError("the server closed the connection without an answer", e);
        }
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(response.body()).contains("\"status\":413").contains("larger than");
    }

    @Test
    void ninetyThousandUnknownFieldsGetAShortAnswer() {
        String token = token("fields-" + UUID.randomUUID(), List.of("user"), Duration.ofHours(1));
        StringBuilder body = new StringBuilder("[{\"eventId\":\"" + UUID.randomUUID() + "\",\"type\":\"SESSION_STARTED\"");
        for (int i = 0; i < 90_000; i++) {
            body.append(",\"u").append(i).append("\":0");
        }
        body.append("}]");
        assertThat(body.length()).isLessThan(1024 * 1024);
        Response answer = given().baseUri(system.sessions.url()).auth().oauth2(token).contentType(ContentType.JSON)
                .body(body.toString()).post("/v1/events");
        assertThat(answer.statusCode()).as(answer.asString().substring(0, Math.min(500, answer.asString().length()))).isEqualTo(422);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.asByteArray().length).isLessThan(8 * 1024);
        answer.then().body("status", equalTo(422))
                .body("errors.message", org.hamcrest.Matchers.hasItem(containsString("89980 more unknown fields")));
    }
}
