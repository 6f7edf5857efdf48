package dev.sukha.insights.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import static org.assertj.core.api.Assertions.assertThat;

/** session-service's event schema, from its contract jar: our test events must hold to it. */
final class Contracts {
    private static final JsonSchema PRACTICE_EVENT = load("schemas/practice-event.v1.json");
    private static final JsonSchema SEALED_EVENT = load("schemas/practice-event.v2.json");
    private static final JsonSchema ACCESS_RECORD = load("schemas/access-record.v1.json");
    private static final ObjectMapper JSON = new ObjectMapper();

    private Contracts() {
    }

    private static JsonSchema load(String path) {
        try (InputStream in = Contracts.class.getClassLoader().getResourceAsStream(path)) {
            assertThat(in).as(path + " from session-service's contract jar").isNotNull();
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                    .getSchema(in, SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String valid(String value) {
        return valid(PRACTICE_EVENT, value);
    }

    static String validAccessRecord(String value) {
        return valid(ACCESS_RECORD, value);
    }

    static String validSealed(String value) {
        return valid(SEALED_EVENT, value);
    }

    private static String valid(JsonSchema schema, String value) {
        try {
            assertThat(schema.validate(JSON.readTree(value))).as(value).isEmpty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return value;
    }
}
