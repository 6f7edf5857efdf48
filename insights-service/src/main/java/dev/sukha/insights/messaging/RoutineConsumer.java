package dev.sukha.insights.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sukha.insights.store.RoutineTitles;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.HashMap;
import java.util.Map;

/**
 * Keeps insights' catalogue view (titles and step counts) from the compacted routines
 * topic. Failure strategy: an unreadable record goes to {@code routines-dlq} (configured).
 */
@ApplicationScoped
public class RoutineConsumer {

    public static final String CHANNEL = "routines-in";

    private final RoutineTitles titles;
    private final ObjectMapper json;

    public RoutineConsumer(RoutineTitles titles, ObjectMapper json) {
        this.titles = titles;
        this.json = json;
    }

    @Incoming(CHANNEL)
    @Blocking
    public void consume(Record<String, String> record) throws Exception {
        JsonNode routine = json.readTree(record.value());
        String id = routine.path("id").asText(null);
        int version = routine.path("version").asInt(0);
        String title = routine.path("title").asText(null);
        if (id == null || !id.equals(record.key()) || version < 1 || title == null || !routine.path("steps").isArray()) {
            throw new IllegalArgumentException("Not a routine record (needs id = key, version >= 1, title, steps)");
        }
        Map<Integer, Integer> counts = new HashMap<>();
        for (JsonNode ref : routine.path("versions")) {
            counts.put(ref.path("version").asInt(), ref.path("stepCount").asInt());
        }
        counts.put(version, routine.path("steps").size());
        titles.record(id, version, title, counts);
    }
}
