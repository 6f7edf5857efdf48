package dev.sukha.session.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sukha.session.store.RoutineViewStore;
import io.quarkus.logging.Log;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.HashMap;
import java.util.Map;

/**
 * Keeps the routine view from the compacted {@code routines} topic: every version's
 * step count, so events are checked without calling routine-service. A record that
 * cannot be read goes to {@code routines-dlq} (failure strategy in the configuration).
 */
@ApplicationScoped
public class RoutineViewConsumer {

    public static final String CHANNEL = "routines-in";

    private final RoutineViewStore view;
    private final ObjectMapper json;

    public RoutineViewConsumer(RoutineViewStore view, ObjectMapper json) {
        this.view = view;
        this.json = json;
    }

    @Incoming(CHANNEL)
    @Blocking
    public void consume(Record<String, String> record) throws Exception {
        JsonNode routine = json.readTree(record.value());
        String id = routine.path("id").asText(null);
        int version = routine.path("version").asInt(0);
        JsonNode steps = routine.path("steps");
        if (id == null || !id.equals(record.key()) || version < 1 || !steps.isArray() || steps.isEmpty()) {
            throw new IllegalArgumentException("Not a routine record (needs id = key, version >= 1, steps)");
        }
        Map<Integer, Integer> counts = new HashMap<>();
        for (JsonNode ref : routine.path("versions")) {
            counts.put(ref.path("version").asInt(), ref.path("stepCount").asInt());
        }
        counts.put(version, steps.size());
        view.record(id, counts);
        Log.debugf("Routine view: %s now has versions %s", id, counts.keySet());
    }
}
