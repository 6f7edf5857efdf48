package dev.sukha.session.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The word lists in the code are the ones the published event schema names, no more and no fewer. */
class WordListsContractTest {

    private static JsonNode schema() throws Exception {
        return new ObjectMapper().readTree(WordListsContractTest.class.getClassLoader()
                .getResourceAsStream("schemas/practice-event.v1.json"));
    }

    private static List<String> words(JsonNode node) {
        List<String> out = new ArrayList<>();
        node.forEach(n -> out.add(n.asText()));
        return out;
    }

    @Test
    void eventTypesAndBodyAreasAreTheSchemas() throws Exception {
        JsonNode properties = schema().path("properties");
        assertThat(Arrays.stream(EventType.values()).map(Enum::name).toList())
                .containsExactlyElementsOf(words(properties.path("type").path("enum")));
        assertThat(BodyArea.WIRE).containsExactlyElementsOf(words(properties.path("pain").path("propertyNames").path("enum")));
        assertThat(PainScale.AREAS).isEqualTo(BodyArea.WIRE);
        assertThat(SkipReason.WIRE).containsExactlyElementsOf(words(properties.path("reason").path("enum")));
    }
}
