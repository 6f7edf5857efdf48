package dev.sukha.system;

import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Signing in against a real OIDC provider: Keycloak's distribution from Maven Central (on Java
 * 21 or newer from this machine), a realm with a public client and a user per role. The page
 * signs in with the authorization code and PKCE, shows the week, and signs out at Keycloak;
 * the three services take the realm's tokens with their roles, and refuse another realm's.
 */
class KeycloakSignInIT {

    private static Process keycloak;
    private static String issuer;
    private static String otherIssuer;
    private static ServiceProcess routines;
    private static ServiceProcess sessions;
    private static ServiceProcess insights;
    private static WebDriver browser;

    /** A JDK of release 21 or newer: SUKHA_JAVA21_HOME, else the newest under /usr/lib/jvm. */
    static Optional<Path> java21() throws IOException {
        String configured = System.getenv("SUKHA_JAVA21_HOME");
        if (configured != null && Files.isExecutable(Path.of(configured, "bin", "java"))) {
            return Optional.of(Path.of(configured));
        }
        Path jvms = Path.of("/usr/lib/jvm");
        if (!Files.isDirectory(jvms)) {
            return Optional.empty();
        }
        try (Stream<Path> homes = Files.list(jvms)) {
            return homes.filter(h -> Files.isExecutable(h.resolve("bin/java")) && release(h) >= 21)
                    .max((a, b) -> Integer.compare(release(a), release(b)));
        }
    }

    private static int release(Path home) {
        try {
            for (String line : Files.readAllLines(home.resolve("release"))) {
                if (line.startsWith("JAVA_VERSION=")) {
                    String v = line.substring(line.indexOf('"') + 1);
                    return Integer.parseInt(v.split("[.\"]")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            // not a JDK we can read
        }
        return 0;
    }

    @BeforeAll
    static void startKeycloakAndServices() throws Exception {
        Optional<Path> java = java21();
        Assumptions.assumeTrue(java.isPresent(), "Keycloak sign-in test skipped: Keycloak needs Java 21 or newer, and none is "
                + "under /usr/lib/jvm (set SUKHA_JAVA21_HOME to one)");
        boolean browserInstalled = Chromium.installed();
        Assumptions.assumeTrue(browserInstalled || System.getenv("SUKHA_REQUIRE_TOOLS") != null,
                "Keycloak sign-in test skipped: install Debian's chromium and chromium-driver");
        assertThat(browserInstalled).as("chromium and chromedriver under /usr/bin (.ci/run installs them)").isTrue();
        Path dist;
        try (Stream<Path> dirs = Files.list(Path.of("target", "keycloak"))) {
            dist = dirs.filter(d -> d.getFileName().toString().startsWith("keycloak-")).findFirst().orElseThrow();
        }
        // A fresh realm every run: the dev database goes, the realm files come in.
        deleteTree(dist.resolve("data/h2"));
        Files.createDirectories(dist.resolve("data/import"));
        for (String realm : List.of("sukha-realm.json", "other-realm.json")) {
            Files.copy(Path.of(KeycloakSignInIT.class.getResource("/keycloak/" + realm).toURI()),
                    dist.resolve("data/import").resolve(realm), StandardCopyOption.REPLACE_EXISTING);
        }
        int port = ServiceProcess.freePort();
        int management = ServiceProcess.freePort();
        Path log = Path.of("target", "logs", "keycloak.log").toAbsolutePath();
        Files.createDirectories(log.getParent());
        ProcessBuilder pb = new ProcessBuilder(dist.resolve("bin/kc.sh").toAbsolutePath().toString(), "start-dev",
                "--http-port=" + port, "--http-management-port=" + management, "--import-realm")
                .redirectErrorStream(true).redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        pb.environment().put("JAVA_HOME", java.get().toString());
        Instant t0 = Instant.now();
        keycloak = pb.start();
        Runtime.getRuntime().addShutdownHook(new Thread(KeycloakSignInIT::stopKeycloak));
        issuer = "http://127.0.0.1:" + port + "/realms/sukha";
        otherIssuer = "http://127.0.0.1:" + port + "/realms/other";
        HttpClient http = HttpClient.newHttpClient();
        while (true) {
            assertThat(keycloak.isAlive()).as("Keycloak running (see " + log + ")").isTrue();
            assertThat(Duration.between(t0, Instant.now())).as("Keycloak ready within 4 minutes (see " + log + ")")
                    .isLessThan(Duration.ofMinutes(4));
            try {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(issuer + "/.well-known/openid-configuration"))
                        .build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    break;
                }
            } catch (IOException notYet) {
                // starting
            }
            Thread.sleep(500);
        }
        System.out.println("Keycloak ready in " + Duration.between(t0, Instant.now()).toMillis() + " ms");

        Map<String, String> oidc = Map.of("mp.jwt.verify.publickey.location", issuer + "/protocol/openid-connect/certs",
                "mp.jwt.verify.issuer", issuer, "SUKHA_JWT_ROLES_CLAIM", "realm_access/roles", "SUKHA_JWT_AUDIENCE", "sukha");
        routines = ServiceProcess.start("routine-service", oidc);
        sessions = ServiceProcess.start("session-service", oidc);
        Map<String, String> page = new java.util.HashMap<>(oidc);
        page.put("sukha.page.oidc-issuer", issuer);
        insights = ServiceProcess.start("insights-service", page);

        browser = Chromium.start(1280, 1000);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        for (ServiceProcess p : new ServiceProcess[]{routines, sessions, insights}) {
            if (p != null) {
                p.close();
            }
        }
        stopKeycloak();
    }

    private static void stopKeycloak() {
        if (keycloak != null && keycloak.isAlive()) {
            keycloak.descendants().forEach(ProcessHandle::destroy);
            keycloak.destroy();
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> all = Files.walk(dir)) {
                for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    /** A token from a realm by the password grant (the realm's client allows it, for tests only). */
    private static String token(String realmIssuer, String user) {
        return given().formParam("grant_type", "password").formParam("client_id", "sukha-page")
                .formParam("username", user).formParam("password", user + "-pass").formParam("scope", "openid")
                .post(realmIssuer + "/protocol/openid-connect/token").then().statusCode(200)
                .extract().jsonPath().getString("access_token");
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static WebDriverWait waiting() {
        return Chromium.waiting(browser, Duration.ofSeconds(30));
    }

    @Test
    void thePageSignsInAtKeycloakShowsTheWeekAndSignsOut() {
        browser.get(insights.url() + "/");
        waiting().until(ExpectedConditions.elementToBeClickable(By.cssSelector("[data-testid=provider-signin]"))).click();
        // Keycloak's own login page, then back to the page with a code, exchanged with the PKCE verifier.
        waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("username"))).sendKeys("alice");
        browser.findElement(By.id("password")).sendKeys("alice-pass");
        browser.findElement(By.id("kc-login")).click();
        waiting().until(d -> "true".equals(d.findElement(By.tagName("body")).getDomAttribute("data-loaded")));
        assertThat(browser.getCurrentUrl()).startsWith(insights.url()).doesNotContain("code=");
        assertThat(browser.findElement(By.cssSelector("[data-testid=streak-current]")).getText()).isEqualTo("0");
        assertThat(browser.findElement(By.cssSelector("[data-testid=week-days]")).findElements(By.tagName("li"))).hasSize(7);

        // The realm's tokens live 45 s; 30 s before the end the page renews its token with the refresh token.
        var js = (org.openqa.selenium.JavascriptExecutor) browser;
        String first = (String) js.executeScript("return sessionStorage.getItem('sukha.token')");
        sleep(Duration.ofSeconds(17));
        browser.findElement(By.id("prev")).click();
        waiting().until(d -> "true".equals(d.findElement(By.tagName("body")).getDomAttribute("data-loaded")));
        String renewed = (String) js.executeScript("return sessionStorage.getItem('sukha.token')");
        assertThat(renewed).isNotBlank().isNotEqualTo(first);
        assertThat(browser.findElement(By.id("signin")).isDisplayed()).isFalse();

        // Signing out signs out at Keycloak too: signing in again asks for the password again.
        browser.findElement(By.id("signout")).click();
        waiting().until(ExpectedConditions.elementToBeClickable(By.cssSelector("[data-testid=provider-signin]"))).click();
        waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("username")));
        assertThat(browser.getCurrentUrl()).startsWith(issuer);
    }

    @Test
    void theRealmsTokensCarryTheirRolesToAllThreeServicesAndAnotherRealmsDoNot() {
        String alice = token(issuer, "alice");
        String olga = token(issuer, "olga");
        JsonPath subject = new JsonPath(new String(java.util.Base64.getUrlDecoder().decode(alice.split("\\.")[1])));
        assertThat(subject.getString("aud")).contains("sukha");

        given().baseUri(routines.url()).auth().oauth2(alice).get("/v1/routines/upper-back-release").then().statusCode(200);
        given().baseUri(sessions.url()).auth().oauth2(alice).get("/v1/sessions/" + UUID.randomUUID()).then().statusCode(404);
        given().baseUri(insights.url()).auth().oauth2(alice).get("/v1/me/streak").then().statusCode(200);
        given().baseUri(insights.url()).auth().oauth2(olga).get("/v1/users/" + subject.getString("sub") + "/streak")
                .then().statusCode(200);
        given().baseUri(insights.url()).auth().oauth2(alice).get("/v1/users/someone/streak")
                .then().statusCode(403).contentType("application/problem+json");
        given().baseUri(routines.url()).auth().oauth2(alice).contentType("application/json").body("{}")
                .post("/v1/routines").then().statusCode(403).contentType("application/problem+json");
        // An editor gets past the role check to the draft's own rules.
        given().baseUri(routines.url()).auth().oauth2(token(issuer, "eddie")).contentType("application/json").body("{}")
                .post("/v1/routines").then().statusCode(422).contentType("application/problem+json");

        // Another realm of the same Keycloak, same client and user name, even an operator there: refused.
        String foreign = token(otherIssuer, "alice");
        for (ServiceProcess s : List.of(routines, sessions, insights)) {
            String path = s == insights ? "/v1/me/streak" : s == sessions ? "/v1/sessions/" + UUID.randomUUID() : "/v1/routines";
            given().baseUri(s.url()).auth().oauth2(foreign).get(path).then().statusCode(401).contentType("application/problem+json");
        }
    }
}
