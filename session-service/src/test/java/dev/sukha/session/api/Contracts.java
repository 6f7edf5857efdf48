package dev.sukha.session.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.sukha.platform.sealing.TestSealer;
import dev.sukha.stack.SharedStack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The event schemas, read from the classpath: ours, and routine-service's from its contract jar. */
final class Contracts {
    static final String PRACTICE_EVENT = "schemas/practice-event.v1.json";
    static final String SEALED_EVENT = "schemas/practice-event.v2.json";
    static final String ROUTINE_RECORD = "schemas/routine-record.v1.json";
    static final String ACCESS_RECORD = "schemas/access-record.v1.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private Contracts() {
    }

    static void assertValid(String schemaPath, String value) {
        try (InputStream in = Contracts.class.getClassLoader().getResourceAsStream(schemaPath)) {
            assertThat(in).as(schemaPath + " on the test classpath").isNotNull();
            JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                    .getSchema(in, SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build());
            JsonNode node = JSON.readTree(value);
            Set<ValidationMessage> errors = schema.validate(node);
            assertThat(errors).as("%s against %s", value, schemaPath).isEmpty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The record inside a sealed one, after checking its envelope against the schema (with the one test sealer). */
    static String opened(String sealedValue) {
        assertValid(SEALED_EVENT, sealedValue);
        try (TestSealer sealer = TestSealer.forAnyone(SharedStack.get().mongoConnectionString(), SharedStack.get().recordKeys())) {
            return sealer.open(sealedValue);
        }
    }

    /** A schema-valid sealed envelope showing none of {@code words}, in its fields or as JSON tokens inside. */
    static void assertSealedWithout(String value, String... words) {
        assertValid(SEALED_EVENT, value);
        TestSealer.assertSealedWithout(value, words);
    }
}
