package dev.sukha.routine.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import static org.assertj.core.api.Assertions.assertThat;

/** The record schemas this service publishes (and ships to consumers in its contract jar). */
final class Contracts {
    private Contracts() {
    }

    static void assertValid(String value) {
        assertValid("schemas/routine-record.v1.json", value);
    }

    static void assertValid(String schemaPath, String value) {
        try (InputStream in = Contracts.class.getClassLoader().getResourceAsStream(schemaPath)) {
            var schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                    .getSchema(in, SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build());
            assertThat(schema.validate(new ObjectMapper().readTree(value))).as(value).isEmpty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
