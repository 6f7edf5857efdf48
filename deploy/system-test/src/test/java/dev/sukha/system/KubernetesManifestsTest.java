package dev.sukha.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.databind.MappingIterator;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * deploy/k8s, validated offline: every overlay renders with kustomize, uses only the API
 * versions we target, and keeps the operating rules (probes, limits, tags, non-root,
 * no plaintext secrets, a PodDisruptionBudget and a NetworkPolicy for every workload),
 * and every object is valid against the Kubernetes API and Strimzi's CRD schemas
 * ({@link ManifestSchemas}).
 */
class KubernetesManifestsTest {

    private static final Path K8S = ServiceProcess.repoRoot().resolve("deploy/k8s");
    private static final Set<String> API_VERSIONS = Set.of("v1", "apps/v1", "batch/v1", "policy/v1",
            "autoscaling/v2", "networking.k8s.io/v1", "kafka.strimzi.io/v1");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private static List<JsonNode> render(String overlay) throws Exception {
        Path kubectl = Path.of("/usr/bin/kubectl");
        if (!Files.isExecutable(kubectl) && System.getenv("CI") == null) {
            Assumptions.abort("kubectl (with its built-in kustomize) is not installed");
        }
        Process p = new ProcessBuilder(kubectl.toString(), "kustomize", K8S.resolve(overlay).toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        List<JsonNode> docs = new ArrayList<>();
        try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(out)) {
            while (it.hasNext()) {
                JsonNode doc = it.next();
                if (doc != null && !doc.isEmpty()) {
                    docs.add(doc);
                }
            }
        }
        return docs;
    }

    private static List<JsonNode> ofKind(List<JsonNode> docs, String kind) {
        return docs.stream().filter(d -> d.path("kind").asText().equals(kind)).toList();
    }

    private static boolean selects(JsonNode selector, JsonNode labels) {
        if (selector.isMissingNode() || selector.isEmpty()) {
            return true;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = selector.path("matchLabels").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().asText().equals(labels.path(e.getKey()).asText(null))) {
                return false;
            }
        }
        for (JsonNode expr : selector.path("matchExpressions")) {
            String value = labels.path(expr.path("key").asText()).asText(null);
            List<String> values = new ArrayList<>();
            expr.path("values").forEach(v -> values.add(v.asText()));
            if (expr.path("operator").asText().equals("In") && (value == null || !values.contains(value))) {
                return false;
            }
        }
        return true;
    }

    @ParameterizedTest
    @ValueSource(strings = {".", "overlays/dev", "overlays/prod"})
    void everyObjectIsValidAgainstItsSchema(String overlay) throws Exception {
        List<String> errors = new ArrayList<>();
        for (JsonNode d : render(overlay)) {
            String what = d.path("kind").asText() + "/" + d.path("metadata").path("name").asText();
            ManifestSchemas.errors(d).forEach(e -> errors.add(what + " " + e));
        }
        assertThat(errors).isEmpty();
    }

    @Test
    void theSchemasCatchWhatAnApiServerWouldRefuse() throws Exception {
        JsonNode deployment = YAML.readTree("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: x, labelz: {a: b}}
                spec:
                  replicas: "3"
                  template:
                    spec:
                      containers:
                        - name: x
                          image: x:1
                          readinessProbes: {}
                          resources: {limits: {memory: lots}}
                          ports: [{containerPort: 8080, protocol: TCP}]
                """);
        assertThat(ManifestSchemas.errors(deployment)).containsExactlyInAnyOrder(
                "$.metadata.labelz: unknown field of V1ObjectMeta",
                "$.spec.selector: required by V1DeploymentSpec",
                "$.spec.replicas: expected an integer, found \"3\"",
                "$.spec.template.spec.containers[0].readinessProbes: unknown field of V1Container",
                "$.spec.template.spec.containers[0].resources.limits.memory: expected a quantity (e.g. 250m, 1Gi), found \"lots\"");
        assertThat(ManifestSchemas.errors(YAML.readTree("{apiVersion: apps/v1, kind: Deploymint, metadata: {name: x}}")))
                .containsExactly("apps/v1 Deploymint is not in the Kubernetes API");

        JsonNode topic = YAML.readTree("""
                apiVersion: kafka.strimzi.io/v1beta2
                kind: KafkaTopic
                metadata: {name: t}
                spec: {partitions: many, replica: 3, config: {cleanup.policy: compact}}
                """);
        assertThat(ManifestSchemas.errors(topic)).hasSize(2)
                .anySatisfy(e -> assertThat(e).contains("partitions").contains("integer"))
                .anySatisfy(e -> assertThat(e).contains("replica"));
        assertThat(ManifestSchemas.errors(YAML.readTree("{apiVersion: kafka.strimzi.io/v9, kind: Kafka, metadata: {name: k}}")))
                .containsExactly("kafka.strimzi.io/v9 Kafka is not served by Strimzi's CRDs");
    }

    @ParameterizedTest
    @ValueSource(strings = {".", "overlays/dev", "overlays/prod"})
    void everyOverlayRendersAndKeepsTheRules(String overlay) throws Exception {
        List<JsonNode> docs = render(overlay);
        assertThat(docs).isNotEmpty();
        for (JsonNode d : docs) {
            String what = d.path("kind").asText() + "/" + d.path("metadata").path("name").asText();
            assertThat(API_VERSIONS).as(what + " apiVersion").contains(d.path("apiVersion").asText());
            assertThat(d.path("metadata").path("name").asText()).as(what + " name").isNotBlank();
            if (!d.path("kind").asText().equals("Namespace")) {
                assertThat(d.path("metadata").path("namespace").asText()).as(what + " namespace").isEqualTo("sukha");
            }
        }
        // No secret is ever in the manifests: operators create them.
        assertThat(ofKind(docs, "Secret")).isEmpty();
        assertThat(docs.toString()).doesNotContainIgnoringCase("password:").doesNotContain(":latest");

        List<JsonNode> workloads = new ArrayList<>(ofKind(docs, "Deployment"));
        workloads.addAll(ofKind(docs, "StatefulSet"));
        for (JsonNode w : workloads) {
            String name = w.path("metadata").path("name").asText();
            JsonNode pod = w.path("spec").path("template");
            JsonNode labels = pod.path("metadata").path("labels");
            assertThat(pod.path("spec").path("securityContext").path("runAsNonRoot").asBoolean()).as(name + " non-root").isTrue();
            for (JsonNode c : pod.path("spec").path("containers")) {
                String image = c.path("image").asText();
                assertThat(image).as(name + " image tag").matches("[^:]+:[^:]+").doesNotEndWith(":latest");
                assertThat(c.path("resources").path("requests").path("memory").isMissingNode()).as(name + " requests").isFalse();
                assertThat(c.path("resources").path("limits").path("memory").isMissingNode()).as(name + " limits").isFalse();
                assertThat(c.path("resources").path("limits").path("cpu").isMissingNode()).as(name + " cpu limit").isFalse();
                assertThat(c.has("readinessProbe") && c.has("livenessProbe")).as(name + " probes").isTrue();
                assertThat(c.path("securityContext").path("allowPrivilegeEscalation").asBoolean(true)).as(name).isFalse();
                assertThat(c.path("securityContext").path("capabilities").path("drop").toString()).as(name).contains("ALL");
            }
            assertThat(ofKind(docs, "PodDisruptionBudget")).as(name + " has a PodDisruptionBudget")
                    .anyMatch(pdb -> selects(pdb.path("spec").path("selector"), labels));
            assertThat(ofKind(docs, "NetworkPolicy")).as(name + " has its own NetworkPolicy")
                    .anyMatch(np -> !np.path("spec").path("podSelector").isEmpty()
                            && selects(np.path("spec").path("podSelector"), labels));
        }
        for (JsonNode d : ofKind(docs, "Deployment")) {
            JsonNode c = d.path("spec").path("template").path("spec").path("containers").get(0);
            assertThat(c.path("startupProbe").path("httpGet").path("path").asText()).isEqualTo("/q/health/started");
            assertThat(c.path("readinessProbe").path("httpGet").path("path").asText()).isEqualTo("/q/health/ready");
            assertThat(c.path("securityContext").path("readOnlyRootFilesystem").asBoolean()).isTrue();
            assertThat(d.path("spec").path("template").path("metadata").path("annotations").path("prometheus.io/scrape").asText()).isEqualTo("true");
        }
        assertThat(ofKind(docs, "NetworkPolicy")).anyMatch(np -> np.path("spec").path("podSelector").isEmpty()
                && np.path("spec").path("ingress").isMissingNode() && np.path("spec").path("egress").isMissingNode());

        // Kafka: KRaft node pools, the five topics, practice-events sized for the most consumers the HPA allows.
        assertThat(ofKind(docs, "Kafka")).singleElement().satisfies(k ->
                assertThat(k.path("metadata").path("annotations").path("strimzi.io/kraft").asText()).isEqualTo("enabled"));
        assertThat(ofKind(docs, "KafkaNodePool")).isNotEmpty();
        assertThat(ofKind(docs, "KafkaTopic")).extracting(t -> t.path("metadata").path("name").asText())
                .containsExactlyInAnyOrder("routines", "practice-events", "practice-events-dlq", "routines-dlq", "person-erasures");
        JsonNode routines = ofKind(docs, "KafkaTopic").stream().filter(t -> t.path("metadata").path("name").asText().equals("routines")).findFirst().orElseThrow();
        assertThat(routines.path("spec").path("config").path("cleanup.policy").asText()).isEqualTo("compact");
        int partitions = ofKind(docs, "KafkaTopic").stream().filter(t -> t.path("metadata").path("name").asText().equals("practice-events"))
                .findFirst().orElseThrow().path("spec").path("partitions").asInt();
        int maxInsights = ofKind(docs, "HorizontalPodAutoscaler").stream()
                .filter(h -> h.path("spec").path("scaleTargetRef").path("name").asText().equals("insights-service"))
                .findFirst().orElseThrow().path("spec").path("maxReplicas").asInt();
        assertThat(partitions).isGreaterThanOrEqualTo(maxInsights);
        assertThat(ofKind(docs, "HorizontalPodAutoscaler")).extracting(h -> h.path("spec").path("scaleTargetRef").path("name").asText())
                .contains("session-service", "insights-service");
        assertThat(ofKind(docs, "Ingress")).isNotEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"overlays/prod"})
    void productionIsReplicated(String overlay) throws Exception {
        List<JsonNode> docs = render(overlay);
        assertThat(ofKind(docs, "KafkaNodePool").get(0).path("spec").path("replicas").asInt()).isEqualTo(3);
        assertThat(ofKind(docs, "Kafka").get(0).path("spec").path("kafka").path("config").path("min.insync.replicas").asInt()).isEqualTo(2);
        assertThat(ofKind(docs, "KafkaTopic")).allSatisfy(t -> assertThat(t.path("spec").path("replicas").asInt()).isEqualTo(3));
        JsonNode mongo = ofKind(docs, "StatefulSet").get(0);
        assertThat(mongo.path("spec").path("replicas").asInt()).isEqualTo(3);
        assertThat(mongo.path("spec").path("template").path("spec").path("containers").get(0).path("args").toString()).contains("--replSet");
        assertThat(ofKind(docs, "Job")).extracting(j -> j.path("metadata").path("name").asText()).contains("mongodb-init");
    }
}
