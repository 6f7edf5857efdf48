package dev.sukha.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The PrometheusRule of deploy/k8s, checked by Prometheus' own tool: the rules parse
 * ({@code promtool check rules}), and {@code deploy/k8s/tests/alerts.test.yaml} passes
 * ({@code promtool test rules}): each alert fires on a synthetic burn and stays silent on a
 * healthy series. Every alert of the rule has a test in which it fires.
 */
class AlertRulesTest {

    private static final Path DIR = Path.of("target", "promtool").toAbsolutePath();
    private static final Path TESTS = ServiceProcess.repoRoot().resolve("deploy/k8s/tests/alerts.test.yaml");

    @Test
    void theRulesParseAndEveryAlertFiresOnABurnAndStaysSilentWhenHealthy() throws Exception {
        Promtool.require(Promtool.PROMTOOL);
        Path rules = Promtool.rulesFile(DIR);
        Files.copy(TESTS, DIR.resolve("alerts.test.yaml"), StandardCopyOption.REPLACE_EXISTING);

        Promtool.Result check = Promtool.run(DIR, Promtool.PROMTOOL.toString(), "check", "rules", "rules.yaml");
        assertThat(check.exit()).as(check.output()).isZero();
        Promtool.Result test = Promtool.run(DIR, Promtool.PROMTOOL.toString(), "test", "rules", "alerts.test.yaml");
        assertThat(test.exit()).as(test.output()).isZero();
        assertThat(test.output()).contains("SUCCESS");

        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        Set<String> alerts = new HashSet<>();
        for (JsonNode group : yaml.readTree(rules.toFile()).path("groups")) {
            group.path("rules").forEach(r -> {
                if (r.has("alert")) {
                    alerts.add(r.path("alert").asText());
                }
            });
        }
        Set<String> firing = new HashSet<>();
        for (JsonNode t : yaml.readTree(TESTS.toFile()).path("tests")) {
            t.path("alert_rule_test").forEach(a -> {
                if (!a.path("exp_alerts").isEmpty()) {
                    firing.add(a.path("alertname").asText());
                }
            });
        }
        assertThat(firing).as("alerts with a test in which they fire").containsExactlyInAnyOrderElementsOf(alerts);
    }

    @Test
    void aBrokenTestIsCaught() throws Exception {
        // The harness can fail: an alert expected where the series is healthy.
        Promtool.require(Promtool.PROMTOOL);
        Promtool.rulesFile(DIR);
        Files.writeString(DIR.resolve("wrong.test.yaml"), """
                rule_files: [rules.yaml]
                tests:
                  - interval: 1m
                    input_series:
                      - series: 'sukha_consumer_lag_records{job="insights-service",topic="practice-events",partition="0"}'
                        values: '0x30'
                    alert_rule_test:
                      - eval_time: 20m
                        alertname: SukhaConsumerLagging
                        exp_alerts: [{exp_labels: {severity: page, topic: practice-events, partition: "0"}}]
                """);
        Promtool.Result test = Promtool.run(DIR, Promtool.PROMTOOL.toString(), "test", "rules", "wrong.test.yaml");
        assertThat(test.exit()).as(test.output()).isNotZero();
    }
}
