package dev.sukha.insights.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import dev.sukha.insights.store.PoseLibrary;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * insights as a consumer of routine-service's {@code routines} topic, against the schema routine-service publishes in
 * its contract jar: every field insights relies on is one the contract requires, a record the contract allows is read
 * as insights needs it (additions included), and one it does not allow is refused.
 */
class RoutineRecordContractTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SCHEMA = "schemas/routine-record.v1.json";

    private static JsonNode schemaDocument() throws IOException {
        try (InputStream in = RoutineRecordContractTest.class.getClassLoader().getResourceAsStream(SCHEMA)) {
            assertThat(in).as(SCHEMA + " from routine-service's contract jar").isNotNull();
            return JSON.readTree(in);
        }
    }

    private static JsonSchema schema() throws IOException {
        return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(schemaDocument(), SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build());
    }

    private static List<String> required(JsonNode node) {
        List<String> out = new ArrayList<>();
        node.path("required").forEach(r -> out.add(r.asText()));
        return out;
    }

    /** A record as routine-service writes one: two versions, the later one with two steps over two poses. */
    private static ObjectNode record() throws IOException {
        return (ObjectNode) JSON.readTree("""
                {"schemaVersion": 1, "id": "upper-back-quick", "version": 2, "title": "Upper back, quick",
                 "summary": "Five minutes for a stiff upper back.", "focus": ["upper_back"], "level": "gentle",
                 "space": ["chair"], "minutes": 5, "safety": [],
                 "steps": [{"pose": "seated-spine-waves", "side": "none", "hold": {"breaths": 5}},
                           {"pose": "thread-the-needle", "side": "left", "hold": {"seconds": 30}}],
                 "publishedAt": "2026-11-20T08:00:00Z",
                 "versions": [{"version": 1, "stepCount": 1}, {"version": 2, "stepCount": 2}],
                 "poses": [{"id": "seated-spine-waves", "name": "Seated spine waves", "areas": ["upper_back"]},
                           {"id": "thread-the-needle", "name": "Thread the needle", "areas": ["upper_back", "shoulders"]}]}
                """);
    }

    @Test
    void everyFieldInsightsReliesOnIsRequiredByTheContract() throws IOException {
        JsonNode schema = schemaDocument();
        assertThat(required(schema)).contains("id", "version", "title", "steps", "versions");
        assertThat(required(schema.path("properties").path("versions").path("items"))).contains("version", "stepCount");
        // poses is optional (records of an older shape lack it); where it is there, each names its id, name and areas.
        assertThat(required(schema.path("properties").path("poses").path("items"))).contains("id", "name", "areas");
    }

    @Test
    void aRecordTheContractAllowsIsReadAsInsightsNeedsIt() throws IOException {
        ObjectNode record = record();
        assertThat(schema().validate(record)).as("the example is a legal record").isEmpty();
        RoutineRecordReader.Read read = RoutineRecordReader.read("upper-back-quick", record);
        assertThat(read.title()).isEqualTo("Upper back, quick");
        assertThat(read.stepCounts()).isEqualTo(Map.of(1, 1, 2, 2));
        assertThat(read.poses()).containsExactly(new PoseLibrary.Pose("seated-spine-waves", "Seated spine waves", List.of("upper_back")),
                new PoseLibrary.Pose("thread-the-needle", "Thread the needle", List.of("upper_back", "shoulders")));

        // What routine-service may add or leave out within the contract does not stop insights reading it.
        record.put("colour", "teal");
        record.remove("poses");
        assertThat(schema().validate(record)).isEmpty();
        assertThat(RoutineRecordReader.read("upper-back-quick", record).poses()).isEmpty();
    }

    @Test
    void aRecordTheContractRefusesIsNotRead() throws IOException {
        ObjectNode record = record();
        record.remove("title");
        assertThat(schema().validate(record)).isNotEmpty();
        assertThatThrownBy(() -> RoutineRecordReader.read("upper-back-quick", record)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RoutineRecordReader.read("another-key", record())).isInstanceOf(IllegalArgumentException.class);
    }
}
