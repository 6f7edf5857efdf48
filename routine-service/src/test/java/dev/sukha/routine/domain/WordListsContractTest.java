package dev.sukha.routine.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The catalogue's word lists are the ones its published record schema names. */
class WordListsContractTest {

    private static List<String> words(JsonNode node) {
        List<String> out = new ArrayList<>();
        node.forEach(n -> out.add(n.asText()));
        return out;
    }

    @Test
    void areasLevelsSpacesSidesAndIntensitiesAreTheSchemas() throws Exception {
        JsonNode schema = new ObjectMapper().readTree(getClass().getClassLoader()
                .getResourceAsStream("schemas/routine-record.v1.json"));
        JsonNode properties = schema.path("properties");
        JsonNode step = properties.path("steps").path("items").path("properties");
        assertThat(BodyArea.WIRE).containsExactlyElementsOf(words(schema.path("$defs").path("area").path("enum")));
        assertThat(Level.WIRE).containsExactlyElementsOf(words(properties.path("level").path("enum")));
        assertThat(Space.WIRE).containsExactlyElementsOf(words(properties.path("space").path("items").path("enum")));
        assertThat(Side.WIRE).containsExactlyElementsOf(words(step.path("side").path("enum")));
        assertThat(Intensity.WIRE).containsExactlyElementsOf(words(
                step.path("options").path("items").path("properties").path("intensity").path("enum")));
    }
}
