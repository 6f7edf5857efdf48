package dev.sukha.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OpenAPI documents as client developers get them: what each service serves at
 * {@code /q/openapi} is what the build stored (and generated the clients of
 * {@link GeneratedClientIT} from), it passes Spectral's {@code spectral:oas} rules and ours
 * ({@code spectral/sukha.yaml}) with no result at any severity, and {@code POST /v1/events}
 * says what the contract says.
 * <p>
 * Spectral is Stoplight's CLI from npm, pinned ({@link NpmTool}).
 */
class ApiDocumentsIT {

    static final String SPECTRAL_VERSION = "6.16.3";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final Map<String, JsonNode> served = new LinkedHashMap<>();
    private static Path out;

    @BeforeAll
    static void fetch() throws IOException {
        RunningSystem system = RunningSystem.get();
        out = ServiceProcess.repoRoot().resolve("deploy/system-test/target/openapi-served");
        Files.createDirectories(out);
        for (ServiceProcess p : system.all()) {
            String body = given().baseUri(p.managementUrl()).accept("application/json").when().get("/q/openapi?format=json")
                    .then().statusCode(200).extract().asString();
            served.put(p.name, JSON.readTree(body));
            Files.writeString(out.resolve(p.name + ".json"), body);
        }
    }

    @Test
    void eachServiceServesTheDocumentTheBuildStoredAndTheClientsWereGeneratedFrom() throws IOException {
        for (var e : served.entrySet()) {
            Path stored = ServiceProcess.repoRoot().resolve(e.getKey()).resolve("target/openapi/openapi.json");
            assertThat(JSON.readTree(stored.toFile())).as(e.getKey()).isEqualTo(e.getValue());
        }
    }

    /**
     * The documents client developers read are published in the repository (docs/openapi/): production serves them on
     * the management interface only, which no route exposes. They must be what the services serve.
     */
    @Test
    void theDocumentsPublishedInTheRepositoryAreTheServedOnes() throws IOException {
        for (var e : served.entrySet()) {
            Path published = ServiceProcess.repoRoot().resolve("docs/openapi").resolve(e.getKey() + ".json");
            assertThat(published).as("publish it: cp " + e.getKey() + "/target/openapi/openapi.json " + published).exists();
            assertThat(JSON.readTree(published.toFile())).as(published + " is behind the service: cp " + e.getKey()
                    + "/target/openapi/openapi.json docs/openapi/" + e.getKey() + ".json").isEqualTo(e.getValue());
        }
    }

    @Test
    void recordingEventsIsDocumentedAsItBehaves() throws IOException {
        JsonNode doc = served.get("session-service");
        JsonNode op = doc.at("/paths/~1v1~1events/post");
        assertThat(op.path("operationId").asText()).isEqualTo("recordEvents");
        List<String> statuses = new ArrayList<>();
        op.path("responses").fieldNames().forEachRemaining(statuses::add);
        assertThat(statuses).contains("202", "400", "401", "403", "413", "415", "422", "503");
        for (String error : List.of("400", "401", "403", "413", "415", "422", "503")) {
            assertThat(op.at("/responses/" + error + "/content/application~1problem+json/schema/$ref").asText()).as(error)
                    .isEqualTo("#/components/schemas/Problem");
        }
        assertThat(doc.at("/components/schemas/Problem/properties/errors/items/$ref").asText())
                .isEqualTo("#/components/schemas/ProblemError");
        assertThat(doc.at("/components/schemas/ProblemError/properties").has("index")).isTrue();
        assertThat(doc.at("/components/schemas/ProblemError/properties").has("field")).isTrue();

        // The body: an array of events whose fields and types are the event schema's.
        JsonNode body = resolve(doc, op.at("/requestBody/content/application~1json/schema"));
        assertThat(body.path("type").asText()).isEqualTo("array");
        assertThat(body.path("maxItems").asInt()).isEqualTo(500);
        JsonNode event = resolve(doc, body.path("items"));
        List<String> required = new ArrayList<>();
        event.path("required").forEach(n -> required.add(n.asText()));
        assertThat(required).containsExactlyInAnyOrder("eventId", "type", "sessionId", "occurredAt");
        JsonNode schema = JSON.readTree(ServiceProcess.repoRoot()
                .resolve("session-service/src/main/resources/schemas/practice-event.v1.json").toFile());
        assertThat(strings(resolve(doc, typeSchema(doc, event.at("/properties/type"))).path("enum")))
                .containsExactlyInAnyOrderElementsOf(strings(schema.at("/properties/type/enum")));
        assertThat(strings(fieldNames(resolve(doc, typeSchema(doc, event.at("/properties/pain"))).path("properties"))))
                .containsExactlyInAnyOrderElementsOf(strings(schema.at("/properties/pain/propertyNames/enum")));
        assertThat(strings(event.at("/properties/reason/enum")))
                .containsExactlyInAnyOrderElementsOf(strings(schema.at("/properties/reason/enum")));
        assertThat(event.at("/properties/discomfort/maximum").asInt()).isEqualTo(schema.at("/properties/discomfort/maximum").asInt());
    }

    @Test
    void spectralFindsNothingInAnyDocumentAndFindsWhatWeBreak() throws Exception {
        Path spectral = spectral();
        Path ruleset = Path.of(getClass().getResource("/spectral/sukha.yaml").toURI());
        for (String service : served.keySet()) {
            JsonNode results = lint(spectral, ruleset, out.resolve(service + ".json"));
            assertThat(results).as("%s: %s", service, results.toPrettyString()).isEmpty();
        }

        // The rules bite: without its 401, and with a 422 as plain JSON, the same document fails.
        ObjectNode broken = served.get("session-service").deepCopy();
        ObjectNode responses = (ObjectNode) broken.at("/paths/~1v1~1events/post/responses");
        responses.remove("401");
        ((ObjectNode) responses.path("422")).set("content", JSON.readTree("{\"application/json\":{\"schema\":{\"type\":\"object\"}}}"));
        Path brokenFile = out.resolve("session-service-broken.json");
        JSON.writeValue(brokenFile.toFile(), broken);
        List<String> codes = new ArrayList<>();
        lint(spectral, ruleset, brokenFile).forEach(r -> codes.add(r.path("code").asText()));
        assertThat(codes).contains("sukha-v1-needs-a-token", "sukha-errors-are-problems");
    }

    private static JsonNode lint(Path spectral, Path ruleset, Path document) throws Exception {
        Process p = new ProcessBuilder(spectral.toString(), "lint", "--quiet", "-f", "json", "-r", ruleset.toString(),
                "--fail-severity", "hint", document.toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("spectral finished").isTrue();
        // --quiet prints nothing at all when there is nothing to say.
        return output.isBlank() ? JSON.createArrayNode() : JSON.readTree(output);
    }

    /** Spectral, pinned, under .tools/ (installed with npm on first use). */
    private static Path spectral() throws Exception {
        return NpmTool.install("@stoplight/spectral-cli", SPECTRAL_VERSION, "The API lint").resolve(".bin/spectral");
    }

    private static JsonNode resolve(JsonNode doc, JsonNode schema) {
        String ref = schema.path("$ref").asText("");
        return ref.isEmpty() ? schema : doc.at(ref.substring(1));
    }

    /** A property documented as {@code allOf: [$ref]} next to its description. */
    private static JsonNode typeSchema(JsonNode doc, JsonNode property) {
        return property.has("allOf") ? property.path("allOf").get(0) : property;
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(n -> values.add(n.asText()));
        return values;
    }

    private static JsonNode fieldNames(JsonNode object) {
        var names = JSON.createArrayNode();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
