package dev.sukha.insights.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** insights' word lists are those of session-service's published schema (from its contract jar). */
class WordListsContractTest {

    private static List<String> words(JsonNode node) {
        List<String> out = new ArrayList<>();
        node.forEach(n -> out.add(n.asText()));
        return out;
    }

    @Test
    void eventTypesAndBodyAreasAreThePublishedSchemas() throws Exception {
        JsonNode properties = new ObjectMapper().readTree(getClass().getClassLoader()
                .getResourceAsStream("schemas/practice-event.v1.json")).path("properties");
        assertThat(Arrays.stream(EventType.values()).map(Enum::name).toList())
                .containsExactlyElementsOf(words(properties.path("type").path("enum")));
        assertThat(BodyArea.WIRE).containsExactlyElementsOf(words(properties.path("pain").path("propertyNames").path("enum")));
        assertThat(dev.sukha.insights.messaging.PracticeRecord.REASONS)
                .containsExactlyElementsOf(words(properties.path("reason").path("enum")));
        assertThat(dev.sukha.insights.messaging.PracticeRecord.SIDES)
                .containsExactlyElementsOf(words(properties.path("side").path("enum")));
    }
}
