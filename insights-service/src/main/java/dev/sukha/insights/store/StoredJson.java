package dev.sukha.insights.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sukha.insights.domain.Rfc3339;

import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The JSON every stored value is written as (events, session facts, histories): one mapper, and
 * the small reads and writes they share. Field order is fixed, so a value written twice is the
 * same string ({@code $addToSet} keeps one) and equal values compare equal.
 */
final class StoredJson {

    private StoredJson() {
    }

    static final ObjectMapper JSON = new ObjectMapper();

    static String write(JsonNode n) {
        try {
            return JSON.writeValueAsString(n);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable value in the store: " + e.getOriginalMessage(), e);
        }
    }

    static String text(JsonNode v) {
        return v == null || v.isNull() ? null : v.asText();
    }

    static OffsetDateTime time(String text) {
        return text == null ? null : Rfc3339.parse(text);
    }

    static ObjectNode ratings(Map<String, Integer> ratings) {
        ObjectNode n = JSON.createObjectNode();
        new TreeMap<>(ratings).forEach(n::put);
        return n;
    }

    static Map<String, Integer> ratings(JsonNode n) {
        if (n == null || n.isNull()) {
            return null;
        }
        Map<String, Integer> out = new TreeMap<>();
        n.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asInt()));
        return out;
    }

    static ArrayNode ints(Set<Integer> values) {
        ArrayNode a = JSON.createArrayNode();
        new TreeSet<>(values).forEach(a::add);
        return a;
    }

    static Set<Integer> intSet(JsonNode n) {
        Set<Integer> out = new HashSet<>();
        if (n != null) {
            n.forEach(v -> out.add(v.asInt()));
        }
        return out;
    }
}
