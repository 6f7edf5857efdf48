package dev.sukha.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.sukha.stack.JwtKeys;
import dev.sukha.stack.KafkaUsers;
import dev.sukha.stack.LocalStack;
import dev.sukha.stack.SharedStack;
import io.restassured.http.ContentType;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

/**
 * The Kafka doors of deploy/k8s, tried on a real broker: a local stack whose broker takes SASL/SCRAM clients only
 * and authorizes by ACLs, given exactly the ACLs of {@code deploy/k8s/base/kafka-users.yaml}. The three services
 * run with their own credentials through every flow that touches Kafka; then clients holding one service's
 * credentials try what that service must not do, and a client without credentials tries anything.
 */
class AclIT {

    private static LocalStack stack;
    private static KafkaUsers users;
    private static SharedStack.Info info;
    private static final List<ServiceProcess> services = new ArrayList<>();
    private static ServiceProcess routines;
    private static ServiceProcess sessions;
    private static ServiceProcess insights;

    @BeforeAll
    static void start() throws Exception {
        Path dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "secured-stack-");
        stack = LocalStack.start(LocalStack.Settings.ephemeral(dir).securedWithAcls());
        users = stack.users().orElseThrow();
        info = new SharedStack.Info(stack.bootstrapServers(), stack.mongoConnectionString(), dir);
        try (Admin admin = Admin.create(stack.adminSettings())) {
            admin.createAcls(aclsOfTheManifests()).all().get(60, TimeUnit.SECONDS);
        }
        routines = service("routine-service", Map.of());
        sessions = service("session-service", Map.of());
        insights = service("insights-service", Map.of("sukha.page.routines-url", routines.url(),
                "sukha.page.events-url", sessions.url()));
    }

    @AfterAll
    static void stop() {
        services.forEach(ServiceProcess::close);
        if (stack != null) {
            stack.close();
        }
    }

    private static ServiceProcess service(String name, Map<String, String> extra) {
        Map<String, String> properties = new HashMap<>(extra);
        users.clientSettings(name).forEach((k, v) -> properties.put("kafka." + k, v));
        ServiceProcess service = ServiceProcess.start(name, ServiceProcess.freePort(), properties, info);
        services.add(service);
        return service;
    }

    /** Strimzi's simple authorization, read from the manifests: each KafkaUser's ACLs for the principal User:name. */
    static List<AclBinding> aclsOfTheManifests() throws IOException {
        Path file = ServiceProcess.repoRoot().resolve("deploy/k8s/base/kafka-users.yaml");
        List<AclBinding> bindings = new ArrayList<>();
        try (MappingIterator<JsonNode> docs = new YAMLMapper().readerFor(JsonNode.class).readValues(file.toFile())) {
            for (JsonNode doc : docs.readAll()) {
                if (!"KafkaUser".equals(doc.path("kind").asText())) {
                    continue;
                }
                String principal = "User:" + doc.path("metadata").path("name").asText();
                for (JsonNode acl : doc.path("spec").path("authorization").path("acls")) {
                    JsonNode resource = acl.path("resource");
                    ResourcePattern pattern = new ResourcePattern(resourceType(resource.path("type").asText()),
                            resource.path("name").asText(),
                            "prefix".equals(resource.path("patternType").asText()) ? PatternType.PREFIXED : PatternType.LITERAL);
                    for (JsonNode operation : acl.path("operations")) {
                        bindings.add(new AclBinding(pattern, new AccessControlEntry(principal, "*",
                                operation(operation.asText()), AclPermissionType.ALLOW)));
                    }
                }
            }
        }
        assertThat(bindings).as("the manifests' ACLs").hasSizeGreaterThan(10);
        return bindings;
    }

    private static ResourceType resourceType(String strimzi) {
        return switch (strimzi) {
            case "topic" -> ResourceType.TOPIC;
            case "group" -> ResourceType.GROUP;
            case "cluster" -> ResourceType.CLUSTER;
            case "transactionalId" -> ResourceType.TRANSACTIONAL_ID;
            default -> throw new IllegalArgumentException("resource type " + strimzi);
        };
    }

    /** Strimzi's operation names (DescribeConfigs) are Kafka's (DESCRIBE_CONFIGS) in another case. */
    private static AclOperation operation(String strimzi) {
        AclOperation operation = AclOperation.fromString(strimzi.replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT));
        if (operation == AclOperation.UNKNOWN) {
            throw new IllegalArgumentException("operation " + strimzi);
        }
        return operation;
    }

    @Test
    void theServicesDoEverythingTheyDoWithTheirOwnCredentials() {
        JwtKeys keys = JwtKeys.existing(info.dataDir().resolve("keys"));
        String editor = keys.token("eddie", List.of("editor"), Duration.ofHours(1));
        String operator = keys.token("olga", List.of("operator"), Duration.ofHours(1));
        String routine = "acl-" + UUID.randomUUID().toString().substring(0, 8);
        // routine-service writes `routines`.
        Map<String, Object> draft = Map.of("id", routine, "title", "Behind doors", "summary", "Two steps.",
                "focus", List.of("neck"), "level", "gentle", "space", List.of("chair"),
                "steps", List.of(Map.of("pose", "seated-spine-waves", "side", "none", "hold", Map.of("breaths", 5))));
        given().baseUri(routines.url()).auth().oauth2(editor).contentType(ContentType.JSON).body(draft)
                .post("/v1/routines").then().statusCode(201);
        given().baseUri(routines.url()).auth().oauth2(editor).post("/v1/routines/" + routine + "/publish").then().statusCode(201);

        // session-service reads `routines` in its group and writes `practice-events`.
        String person = "acl-" + UUID.randomUUID();
        String token = keys.token(person, List.of("user"), Duration.ofHours(1));
        OffsetDateTime start = OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(12).truncatedTo(ChronoUnit.SECONDS);
        String session = UUID.randomUUID().toString();
        List<Map<String, Object>> events = List.of(
                Map.of("eventId", UUID.randomUUID().toString(), "type", "SESSION_STARTED", "sessionId", session,
                        "occurredAt", start.toString(), "routineId", routine, "zone", "UTC", "pain", Map.of("neck", 6)),
                Map.of("eventId", UUID.randomUUID().toString(), "type", "SESSION_COMPLETED", "sessionId", session,
                        "occurredAt", start.plusMinutes(10).toString(), "pain", Map.of("neck", 3)));
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() ->
                given().baseUri(sessions.url()).auth().oauth2(token).contentType(ContentType.JSON).body(events)
                        .post("/v1/events").statusCode() == 202);

        // insights-service reads `practice-events` and `routines` in its groups (and figure-changes in its own).
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().baseUri(insights.url()).auth().oauth2(token).queryParam("zone", "UTC").get("/v1/me/streak")
                        .then().statusCode(200).body("current", equalTo(1)));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().baseUri(insights.url()).auth().oauth2(token).get("/v1/me/routines/relief")
                        .then().statusCode(200).body("title", hasItem("Behind doors")));

        // An operator's look at a session: session-service writes `access-records`, insights reads them.
        given().baseUri(sessions.url()).auth().oauth2(operator).get("/v1/sessions/" + session).then().statusCode(200);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().baseUri(insights.url()).auth().oauth2(token).get("/v1/me/access-log")
                        .then().statusCode(200).body("entries.operator", hasItem("olga")));

        // A rebuild reads `practice-events` from the start, outside any group.
        given().baseUri(insights.url()).auth().oauth2(operator).post("/v1/admin/rebuild").then().statusCode(202);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().baseUri(insights.url()).auth().oauth2(operator)
                .get("/v1/admin/rebuild").then().body("state", equalTo("DONE")));
        given().baseUri(insights.url()).auth().oauth2(token).queryParam("zone", "UTC").get("/v1/me/streak")
                .then().statusCode(200).body("current", equalTo(1));

        // Erasure: insights writes `person-erasures`, session-service reads it and deletes the person's sessions.
        given().baseUri(insights.url()).auth().oauth2(token).delete("/v1/me").then().statusCode(202);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().baseUri(sessions.url()).auth().oauth2(token).get("/v1/sessions/" + session).then().statusCode(404));
        given().baseUri(insights.url()).auth().oauth2(token).get("/v1/me/export").then().statusCode(200).body("events", hasSize(0));
    }

    @Test
    void aServiceCannotWriteWhatIsNotItsToWrite() {
        assertRefusedWrite("insights-service", "practice-events");
        assertRefusedWrite("session-service", "routines");
        // Only the erasure path (insights-service) writes the ledger that deletes people's data.
        assertRefusedWrite("session-service", "person-erasures");
        assertRefusedWrite("routine-service", "person-erasures");
        assertRefusedWrite("routine-service", "practice-events");
    }

    @Test
    void aClientWithoutCredentialsGetsNothing() {
        // No SASL at all: the listener answers nothing but the handshake, so the client never learns of a broker.
        Map<String, Object> anonymous = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "5000", AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "2000");
        try (Admin admin = Admin.create(anonymous)) {
            assertThatThrownBy(() -> admin.listTopics().names().get(10, TimeUnit.SECONDS))
                    .isInstanceOfAny(ExecutionException.class, java.util.concurrent.TimeoutException.class);
        }
        // A known name with a wrong password: refused at authentication.
        Map<String, Object> guessing = new HashMap<>(anonymous);
        guessing.putAll(Map.of("security.protocol", "SASL_PLAINTEXT", "sasl.mechanism", KafkaUsers.MECHANISM,
                "sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required "
                        + "username=\"insights-service\" password=\"guess\";"));
        try (Admin admin = Admin.create(guessing)) {
            assertThatThrownBy(() -> admin.listTopics().names().get(10, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(SaslAuthenticationException.class);
        }
    }

    private void assertRefusedWrite(String user, String topic) {
        Map<String, Object> settings = new HashMap<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                ProducerConfig.MAX_BLOCK_MS_CONFIG, "10000", ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "10000",
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000"));
        settings.putAll(users.clientSettings(user));
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(settings, new StringSerializer(), new StringSerializer())) {
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>(topic, "someone", "{}")).get(15, TimeUnit.SECONDS))
                    .as("%s writing %s", user, topic)
                    .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(TopicAuthorizationException.class);
        }
    }
}
