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
            "autoscaling/v2", "networking.k8s.io/v1", "kafka.strimzi.io/v1", "gateway.networking.k8s.io/v1",
            "monitoring.coreos.com/v1", "cert-manager.io/v1");
    /** The newest patch of MongoDB 8.0 when this was written (docker-library/official-images, September 2026). */
    private static final String MONGO_IMAGE = "mongo:8.0.30";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** kubectl from SUKHA_KUBECTL (where .ci/run puts one it fetched) or the PATH. */
    static Path kubectl() {
        String configured = System.getenv("SUKHA_KUBECTL");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir, "kubectl");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return Path.of("/usr/bin/kubectl");
    }

    static List<JsonNode> render(String overlay) throws Exception {
        Path kubectl = kubectl();
        if (!Files.isExecutable(kubectl)) {
            // In CI (.ci/run fetches kubectl when the machine has none) a missing tool fails the run instead.
            assertThat(System.getenv("SUKHA_REQUIRE_TOOLS")).as("kubectl is needed (SUKHA_REQUIRE_TOOLS is set)").isNull();
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

    /** The Jobs an operator applies by hand (deploy/k8s/jobs): valid, and as shut as the rest. */
    @Test
    void theJobsAppliedByHandAreValid() throws Exception {
        List<JsonNode> jobs = new ArrayList<>();
        try (var files = Files.list(K8S.resolve("jobs"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(f.toFile())) {
                    jobs.addAll(it.readAll());
                }
            }
        }
        assertThat(jobs).extracting(j -> j.path("metadata").path("name").asText()).contains("rewrap-person-keys");
        for (JsonNode job : jobs) {
            String name = job.path("metadata").path("name").asText();
            assertThat(ManifestSchemas.errors(job)).as(name).isEmpty();
            assertThat(job.path("metadata").path("namespace").asText()).as(name).isEqualTo("sukha");
            JsonNode pod = job.path("spec").path("template").path("spec");
            assertThat(pod.path("automountServiceAccountToken").asBoolean(true)).as(name).isFalse();
            assertThat(pod.path("securityContext").path("runAsNonRoot").asBoolean()).as(name).isTrue();
            assertThat(pod.path("containers").toString()).as(name).doesNotContainIgnoringCase("password");
        }
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

        JsonNode route = YAML.readTree("""
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata: {name: r}
                spec:
                  parentRefs: [{name: sukha}]
                  rules:
                    - matches: [{path: {type: PathPrefix, value: /v1}}]
                      backendRef: {name: x, port: 80}
                """);
        assertThat(ManifestSchemas.errors(route)).containsExactly("$.spec.rules[0].backendRef: unknown field of HTTPRouteRule");
        assertThat(ManifestSchemas.errors(YAML.readTree("""
                apiVersion: monitoring.coreos.com/v1
                kind: ServiceMonitor
                metadata: {name: m}
                spec: {endpoints: [{port: http, interval: [15s]}]}
                """))).singleElement().satisfies(e -> assertThat(e).startsWith("$.spec.endpoints[0].interval"));
        assertThat(ManifestSchemas.errors(YAML.readTree("{apiVersion: monitoring.coreos.com/v1, kind: PrometheusRules, metadata: {name: p}}")))
                .containsExactly("monitoring.coreos.com/v1 PrometheusRules is not in the CRDs of its project");
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
                assertThat(image).as(name + " image tag").matches("[^:@]+(:[^:@]+(@sha256:[0-9a-f]{64})?|@sha256:[0-9a-f]{64})").doesNotContain(":latest");
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
            // Probes on the management interface: the port no Service a route reaches exposes.
            for (String probe : List.of("startupProbe", "readinessProbe", "livenessProbe")) {
                assertThat(c.path(probe).path("httpGet").path("port").asText()).as(probe).isEqualTo("management");
            }
            assertThat(c.path("ports").toString()).contains("\"name\":\"management\"").contains("\"containerPort\":9000");
            assertThat(c.path("securityContext").path("readOnlyRootFilesystem").asBoolean()).isTrue();
            assertThat(d.path("spec").path("template").path("metadata").path("annotations").path("prometheus.io/scrape").asText()).isEqualTo("true");
        }
        assertThat(ofKind(docs, "NetworkPolicy")).anyMatch(np -> np.path("spec").path("podSelector").isEmpty()
                && np.path("spec").path("ingress").isMissingNode() && np.path("spec").path("egress").isMissingNode());

        // Kafka: KRaft node pools, the topics, practice-events sized for the most consumers the HPA allows.
        assertThat(ofKind(docs, "Kafka")).singleElement().satisfies(k ->
                assertThat(k.path("metadata").path("annotations").path("strimzi.io/kraft").asText()).isEqualTo("enabled"));
        assertThat(ofKind(docs, "KafkaNodePool")).isNotEmpty();
        assertThat(ofKind(docs, "KafkaTopic")).extracting(t -> t.path("metadata").path("name").asText())
                .containsExactlyInAnyOrder("routines", "programmes", "practice-events", "practice-events-dlq", "routines-dlq", "person-erasures", "figure-changes",
                        "access-records");
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
        assertThat(ofKind(docs, "Ingress")).as("Gateway API replaced the Ingress").isEmpty();
        trafficEntersByGatewayApi(docs);
        operatorsSeeTheSystem(docs);
        doorsAreShut(docs);
    }

    /**
     * The deployment's doors: no pod holds a Kubernetes API token it does not need, no secret is on a command
     * line, Kafka takes TLS clients that authenticate only, each service as its own user with its own ACLs, and
     * MongoDB runs one patch line, the newest.
     */
    private static void doorsAreShut(List<JsonNode> docs) {
        List<JsonNode> pods = new ArrayList<>();
        for (String kind : List.of("Deployment", "StatefulSet", "Job")) {
            ofKind(docs, kind).forEach(w -> pods.add(w.path("spec").path("template")));
        }
        for (JsonNode pod : pods) {
            String name = pod.path("metadata").path("labels").path("app").asText();
            assertThat(pod.path("spec").path("automountServiceAccountToken").asBoolean(true)).as(name + " API token").isFalse();
            for (JsonNode c : pod.path("spec").path("containers")) {
                String commandLine = c.path("command").toString() + c.path("args").toString();
                assertThat(commandLine).as(name + " command line").doesNotContainIgnoringCase("password")
                        .doesNotContain("$(").doesNotContain("-p ");
                for (JsonNode env : c.path("env")) {
                    if (env.path("name").asText().matches(".*(PASSWORD|SECRET|JAAS).*")) {
                        assertThat(env.has("valueFrom")).as(name + " " + env.path("name").asText() + " from a Secret").isTrue();
                    }
                }
                if (c.path("image").asText().startsWith("mongo:")) {
                    assertThat(c.path("image").asText()).as(name + " MongoDB image").startsWith(MONGO_IMAGE);
                }
            }
        }
        JsonNode kafka = ofKind(docs, "Kafka").get(0).path("spec").path("kafka");
        assertThat(kafka.path("listeners")).isNotEmpty().allSatisfy(l -> {
            assertThat(l.path("tls").asBoolean()).as("listener " + l.path("name").asText() + " TLS").isTrue();
            assertThat(l.path("authentication").path("type").asText()).as("listener " + l.path("name").asText()).isEqualTo("scram-sha-512");
        });
        assertThat(kafka.path("authorization").path("type").asText()).isEqualTo("simple");
        Map<String, List<String>> writers = new java.util.TreeMap<>();
        assertThat(ofKind(docs, "KafkaUser")).extracting(u -> u.path("metadata").path("name").asText())
                .containsExactlyInAnyOrder("routine-service", "session-service", "insights-service");
        for (JsonNode user : ofKind(docs, "KafkaUser")) {
            assertThat(user.path("spec").path("authentication").path("type").asText()).isEqualTo("scram-sha-512");
            for (JsonNode acl : user.path("spec").path("authorization").path("acls")) {
                assertThat(acl.path("resource").path("name").asText()).as("no ACL on every resource").isNotIn("*", "");
                if (acl.path("operations").toString().contains("\"Write\"") || acl.path("operations").toString().contains("\"All\"")) {
                    writers.computeIfAbsent(acl.path("resource").path("name").asText(), k -> new ArrayList<>())
                            .add(user.path("metadata").path("name").asText());
                }
            }
        }
        assertThat(writers).containsEntry("person-erasures", List.of("insights-service"))
                .containsEntry("routines", List.of("routine-service"))
                .containsEntry("programmes", List.of("routine-service"))
                .containsEntry("practice-events", List.of("session-service"));
        // Each service reaches Kafka's TLS listener as its own user, with the cluster's CA.
        for (JsonNode d : ofKind(docs, "Deployment")) {
            JsonNode c = d.path("spec").path("template").path("spec").path("containers").get(0);
            assertThat(c.path("env").toString()).as(d.path("metadata").path("name").asText())
                    .contains("KAFKA_SASL_JAAS_CONFIG").contains("\"name\":\"" + d.path("metadata").path("name").asText() + "\"");
        }
        JsonNode config = ofKind(docs, "ConfigMap").stream().filter(m -> m.path("metadata").path("name").asText().equals("sukha-config"))
                .findFirst().orElseThrow().path("data");
        assertThat(config.path("KAFKA_SECURITY_PROTOCOL").asText()).isEqualTo("SASL_SSL");
        assertThat(config.path("KAFKA_BOOTSTRAP_SERVERS").asText()).endsWith(":9093");
        assertThat(config.path("QUARKUS_SWAGGER_UI_ENABLED").asText()).isEqualTo("false");
        // MongoDB: authentication on (a root user from a Secret; in production members authenticate by keyfile).
        JsonNode mongo = ofKind(docs, "StatefulSet").get(0).path("spec").path("template").path("spec").path("containers").get(0);
        assertThat(mongo.path("env").toString()).contains("MONGO_INITDB_ROOT_PASSWORD").contains("secretKeyRef");
        // One user per service, made by a Job that reads the passwords from Secrets.
        assertThat(ofKind(docs, "Job")).extracting(j -> j.path("metadata").path("name").asText()).contains("mongodb-users");
    }

    /** The Ingress's paths, by HTTPRoutes of one Gateway, TLS at the gateway, HSTS on every answer, HTTP redirected. */
    private static void trafficEntersByGatewayApi(List<JsonNode> docs) {
        JsonNode gateway = ofKind(docs, "Gateway").get(0);
        JsonNode https = null;
        for (JsonNode l : gateway.path("spec").path("listeners")) {
            if (l.path("protocol").asText().equals("HTTPS")) {
                https = l;
            }
        }
        assertThat(https).isNotNull();
        assertThat(https.path("tls").path("mode").asText()).isEqualTo("Terminate");
        assertThat(https.path("tls").path("certificateRefs").get(0).path("name").asText()).isEqualTo("sukha-tls");

        Map<String, String> backendOf = new java.util.TreeMap<>();
        boolean redirects = false;
        for (JsonNode route : ofKind(docs, "HTTPRoute")) {
            assertThat(route.path("spec").path("parentRefs").get(0).path("name").asText())
                    .isEqualTo(gateway.path("metadata").path("name").asText());
            for (JsonNode rule : route.path("spec").path("rules")) {
                List<String> filters = new ArrayList<>();
                rule.path("filters").forEach(f -> filters.add(f.path("type").asText()));
                if (filters.contains("RequestRedirect")) {
                    redirects = rule.path("filters").get(0).path("requestRedirect").path("scheme").asText().equals("https");
                    continue;
                }
                assertThat(rule.path("filters").toString()).as("HSTS on " + rule.path("matches"))
                        .contains("Strict-Transport-Security").contains("max-age=31536000");
                for (JsonNode m : rule.path("matches")) {
                    backendOf.put(m.path("path").path("value").asText(), rule.path("backendRefs").get(0).path("name").asText());
                }
            }
        }
        assertThat(redirects).as("plain HTTP is redirected to HTTPS").isTrue();
        // No route reaches the management interface: every backend is a public Service on its public port.
        Map<String, JsonNode> serviceByName = new java.util.HashMap<>();
        ofKind(docs, "Service").forEach(s -> serviceByName.put(s.path("metadata").path("name").asText(), s));
        for (JsonNode route : ofKind(docs, "HTTPRoute")) {
            for (JsonNode rule : route.path("spec").path("rules")) {
                for (JsonNode ref : rule.path("backendRefs")) {
                    JsonNode svc = serviceByName.get(ref.path("name").asText());
                    assertThat(svc).as("backend " + ref.path("name").asText()).isNotNull();
                    for (JsonNode port : svc.path("spec").path("ports")) {
                        if (port.path("port").asInt() == ref.path("port").asInt()) {
                            assertThat(port.path("targetPort").asText()).as(ref + " target").isNotEqualTo("management");
                            assertThat(port.path("targetPort").asInt()).as(ref + " target").isNotEqualTo(9000);
                        }
                    }
                }
            }
        }
        assertThat(backendOf).containsEntry("/v1/admin/migrations", "session-service");
        assertThat(backendOf).containsEntry("/v1/routines", "routine-service").containsEntry("/v1/poses", "routine-service")
                .containsEntry("/v1/programmes", "routine-service")
                .containsEntry("/v1/events", "session-service").containsEntry("/v1/sessions", "session-service")
                .containsEntry("/v1/me/changes", "insights-service").containsEntry("/", "insights-service");
    }

    /** ServiceMonitors that find their Service, alerts with runbooks in the repo, the dashboard for Grafana's sidecar. */
    private static void operatorsSeeTheSystem(List<JsonNode> docs) throws IOException {
        List<JsonNode> services = ofKind(docs, "Service");
        assertThat(ofKind(docs, "ServiceMonitor")).extracting(m -> m.path("metadata").path("name").asText())
                .containsExactlyInAnyOrder("routine-service", "session-service", "insights-service");
        for (JsonNode monitor : ofKind(docs, "ServiceMonitor")) {
            JsonNode selector = monitor.path("spec").path("selector");
            List<JsonNode> selected = services.stream().filter(svc -> selects(selector, svc.path("metadata").path("labels"))).toList();
            assertThat(selected).as(monitor.path("metadata").path("name").asText()).hasSize(1);
            String port = monitor.path("spec").path("endpoints").get(0).path("port").asText();
            assertThat(selected.get(0).path("spec").path("ports").toString()).contains("\"name\":\"" + port + "\"");
            // Metrics are scraped from the management interface.
            assertThat(selected.get(0).path("spec").path("ports").toString()).contains("\"targetPort\":\"management\"");
            assertThat(monitor.path("spec").path("endpoints").get(0).path("path").asText()).isEqualTo("/q/metrics");
        }
        List<String> alerts = new ArrayList<>();
        for (JsonNode group : ofKind(docs, "PrometheusRule").get(0).path("spec").path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                if (rule.has("alert")) {
                    alerts.add(rule.path("alert").asText());
                    String runbook = rule.path("annotations").path("runbook_url").asText();
                    assertThat(runbook).as(rule.path("alert").asText()).contains("/blob/main/docs/runbooks/");
                    Path file = ServiceProcess.repoRoot().resolve(runbook.substring(runbook.indexOf("/blob/main/") + "/blob/main/".length()));
                    assertThat(file).as(rule.path("alert").asText() + "'s runbook").exists();
                    assertThat(Files.readString(file)).contains(rule.path("alert").asText());
                }
            }
        }
        assertThat(alerts).contains("SukhaIngestErrorBudgetBurn", "SukhaFreshnessBudgetBurn", "SukhaConsumerLagging",
                "SukhaDeadLettersGrowing", "SukhaRebuildStalled");
        JsonNode dashboard = ofKind(docs, "ConfigMap").stream()
                .filter(c -> c.path("metadata").path("labels").path("grafana_dashboard").asText().equals("1")).findFirst().orElseThrow();
        JsonNode json = new ObjectMapper().readTree(dashboard.path("data").path("sukha.json").asText());
        List<String> exprs = new ArrayList<>();
        json.path("panels").forEach(p -> p.path("targets").forEach(t -> exprs.add(t.path("expr").asText())));
        assertThat(String.join("\n", exprs)).contains("sukha:freshness_seconds:p99_5m", "sukha:http_5xx:rate5m",
                "sukha:consumer_lag_records:max", "routine-service", "session-service", "insights-service");
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
        // MongoDB speaks TLS only, with a certificate for every member; the services trust its CA.
        assertThat(mongo.path("spec").path("template").path("spec").path("containers").get(0).path("args").toString())
                .contains("\"--tlsMode\",\"requireTLS\"");
        JsonNode certificate = ofKind(docs, "Certificate").stream()
                .filter(c -> c.path("metadata").path("name").asText().equals("mongodb-tls")).findFirst().orElseThrow();
        assertThat(certificate.path("spec").path("secretName").asText()).isEqualTo("sukha-mongodb-tls");
        assertThat(certificate.path("spec").path("dnsNames").toString())
                .contains("mongodb-0.mongodb", "mongodb-1.mongodb", "mongodb-2.mongodb", "localhost");
        assertThat(certificate.path("spec").path("additionalOutputFormats").toString()).contains("CombinedPEM");
        for (JsonNode d : ofKind(docs, "Deployment")) {
            JsonNode c = d.path("spec").path("template").path("spec").path("containers").get(0);
            assertThat(c.path("env").toString()).as(d.path("metadata").path("name").asText()).contains("prod,mongo-tls");
            // Every image pinned by its digest: a tag can be moved.
            assertThat(c.path("image").asText()).matches(".+@sha256:[0-9a-f]{64}");
        }
        assertThat(mongo.path("spec").path("template").path("spec").path("containers").get(0).path("image").asText())
                .matches(java.util.regex.Pattern.quote(MONGO_IMAGE) + "@sha256:[0-9a-f]{64}");
    }
}
