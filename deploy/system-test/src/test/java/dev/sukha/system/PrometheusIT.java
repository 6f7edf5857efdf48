package dev.sukha.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sukha.stack.SharedStack;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Debian's Prometheus scrapes the three running services, as the ServiceMonitors of deploy/k8s make a
 * cluster's Prometheus do (job = the service's name), with the PrometheusRule's groups loaded: after
 * some practice, every recording rule has a series — the rules name metrics the services really export.
 */
class PrometheusIT {

    private static Process prometheus;

    @AfterAll
    static void stop() throws InterruptedException {
        if (prometheus != null) {
            prometheus.destroy();
            prometheus.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void everyRecordingRuleHasASeriesFromTheRunningServices() throws Exception {
        Promtool.require(Promtool.PROMETHEUS);
        RunningSystem system = RunningSystem.get();
        Path dir = Path.of("target", "prometheus").toAbsolutePath();
        Path rules = Promtool.rulesFile(dir);
        StringBuilder config = new StringBuilder("""
                global: {scrape_interval: 1s, evaluation_interval: 1s}
                rule_files: [rules.yaml]
                scrape_configs:
                """);
        for (ServiceProcess s : system.all()) {
            config.append("  - job_name: ").append(s.name).append('\n')
                    .append("    metrics_path: /q/metrics\n")
                    .append("    static_configs: [{targets: ['127.0.0.1:").append(s.managementPort).append("']}]\n");
        }
        Files.writeString(dir.resolve("prometheus.yml"), config);
        int port = ServiceProcess.freePort();
        prometheus = new ProcessBuilder(Promtool.PROMETHEUS.toString(), "--config.file=prometheus.yml",
                "--storage.tsdb.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + port)
                .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();

        // Practice, reads, a refused request: traffic for every rule.
        String user = "prom-" + UUID.randomUUID();
        String token = SharedStack.token(user);
        for (int i = 0; i < 5; i++) {
            String session = UUID.randomUUID().toString();
            OffsetDateTime at = OffsetDateTime.now(ZoneOffset.UTC).minusHours(i + 1);
            given().baseUri(system.sessions.url()).auth().oauth2(token).contentType(ContentType.JSON).body("""
                    [{"eventId":"%s","type":"SESSION_STARTED","sessionId":"%s","occurredAt":"%s","routineId":"upper-back-quick","zone":"UTC"},
                     {"eventId":"%s","type":"SESSION_COMPLETED","sessionId":"%s","occurredAt":"%s"}]"""
                    .formatted(UUID.randomUUID(), session, at, UUID.randomUUID(), session, at.plusMinutes(8)))
                    .post("/v1/events").then().statusCode(202);
            given().baseUri(system.insights.url()).auth().oauth2(token).get("/v1/me/streak").then().statusCode(200);
            given().baseUri(system.routines.url()).auth().oauth2(token).get("/v1/routines").then().statusCode(200);
        }

        HttpClient http = HttpClient.newHttpClient();
        ObjectMapper json = new ObjectMapper();
        List<String> records = Promtool.records(rules);
        assertThat(records).hasSizeGreaterThan(10);
        List<String> missing = new ArrayList<>();
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(2)).ignoreExceptions().until(() -> {
            missing.clear();
            for (String record : records) {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/api/v1/query?query=" + URLEncoder.encode(record, StandardCharsets.UTF_8))).build(),
                        HttpResponse.BodyHandlers.ofString());
                JsonNode result = json.readTree(r.body()).path("data").path("result");
                if (result.isEmpty()) {
                    missing.add(record);
                }
            }
            return missing.isEmpty();
        });
        assertThat(missing).as("recording rules without a series").isEmpty();
    }
}
