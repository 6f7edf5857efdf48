package dev.sukha.system;

import dev.sukha.stack.JwtKeys;
import dev.sukha.stack.SharedStack;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

/**
 * The three services configured as an operator does for Keycloak — roles from
 * {@code realm_access.roles} ({@code SUKHA_JWT_ROLES_CLAIM}), an audience
 * ({@code SUKHA_JWT_AUDIENCE}) — take a token shaped as Keycloak makes it, with the right
 * roles, and refuse one for another audience, an expired one, one signed by another key and
 * one without the role, each with a problem+json.
 */
class ProviderTokensIT {

    private static final Map<String, String> KEYCLOAK = Map.of("SUKHA_JWT_ROLES_CLAIM", "realm_access/roles",
            "SUKHA_JWT_AUDIENCE", "sukha");
    private static ServiceProcess routines;
    private static ServiceProcess sessions;
    private static ServiceProcess insights;
    private static JwtKeys keys;

    @BeforeAll
    static void start() {
        keys = JwtKeys.existing(SharedStack.get().dataDir().resolve("keys"));
        routines = ServiceProcess.start("routine-service", KEYCLOAK);
        sessions = ServiceProcess.start("session-service", KEYCLOAK);
        insights = ServiceProcess.start("insights-service", KEYCLOAK);
    }

    @AfterAll
    static void stop() {
        for (ServiceProcess p : new ServiceProcess[]{routines, sessions, insights}) {
            if (p != null) {
                p.close();
            }
        }
    }

    /** A token as Keycloak issues it: roles under realm_access, the audience from a mapper, its own extras. */
    private static JwtClaims keycloak(String user, List<String> roles, String audience) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(JwtKeys.ISSUER);
        claims.setSubject(user);
        claims.setAudience(audience, "account");
        claims.setClaim("typ", "Bearer");
        claims.setClaim("azp", "sukha-page");
        claims.setClaim("preferred_username", user);
        claims.setClaim("realm_access", Map.of("roles", roles));
        claims.setIssuedAtToNow();
        claims.setExpirationTimeMinutesInTheFuture(5);
        claims.setGeneratedJwtId();
        return claims;
    }

    private static String token(String user, String... roles) {
        return keys.sign(keycloak(user, List.of(roles), "sukha"));
    }

    @Test
    void aKeycloakTokenIsTakenByAllThreeServicesWithItsRoles() {
        String user = token("kc-user", "user", "default-roles-sukha", "offline_access");
        given().baseUri(routines.url()).auth().oauth2(user).get("/v1/routines/upper-back-release").then().statusCode(200);
        given().baseUri(sessions.url()).auth().oauth2(user).get("/v1/sessions/" + java.util.UUID.randomUUID()).then()
                .statusCode(404).contentType("application/problem+json");
        given().baseUri(insights.url()).auth().oauth2(user).get("/v1/me/streak").then().statusCode(200)
                .body("current", equalTo(0));
        // Roles: an operator reads others' figures; a user does not.
        given().baseUri(insights.url()).auth().oauth2(token("kc-olga", "user", "operator"))
                .get("/v1/users/kc-user/streak").then().statusCode(200);
        given().baseUri(insights.url()).auth().oauth2(user).get("/v1/users/kc-olga/streak").then()
                .statusCode(403).contentType("application/problem+json");
        given().baseUri(routines.url()).auth().oauth2(user).contentType("application/json").body("{}")
                .post("/v1/routines").then().statusCode(403).contentType("application/problem+json");
    }

    @Test
    void anotherAudienceAnExpiredTokenAndAnotherKeyAreRefused() throws Exception {
        String otherAudience = keys.sign(keycloak("kc-user", List.of("user"), "someone-else"));
        JwtClaims old = keycloak("kc-user", List.of("user"), "sukha");
        old.setIssuedAt(NumericDate.fromSeconds(NumericDate.now().getValue() - 7200));
        old.setExpirationTime(NumericDate.fromSeconds(NumericDate.now().getValue() - 3600));
        String expired = keys.sign(old);
        JwtKeys otherRealm = JwtKeys.loadOrCreate(Path.of("target", "other-realm-keys"));
        String foreign = otherRealm.sign(keycloak("kc-user", List.of("user"), "sukha"));
        // The local stack's own tokens (roles in "groups", no audience) are another provider's here.
        String stackToken = SharedStack.token("kc-user");
        for (String token : List.of(otherAudience, expired, foreign, stackToken)) {
            for (ServiceProcess service : List.of(routines, sessions, insights)) {
                given().baseUri(service.url()).auth().oauth2(token).get(service == insights ? "/v1/me/streak"
                                : service == sessions ? "/v1/sessions/" + java.util.UUID.randomUUID() : "/v1/routines")
                        .then().statusCode(401).contentType("application/problem+json");
            }
        }
    }
}
