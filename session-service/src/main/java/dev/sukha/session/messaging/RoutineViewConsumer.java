package dev.sukha.session.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sukha.session.domain.RoutineVersions;
import dev.sukha.session.store.RoutineViewStore;
import io.quarkus.logging.Log;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps the routine view from the compacted {@code routines} topic: every version's
 * step count and steps, so events are checked, and pose events say which pose and side they
 * are about, without calling routine-service. A record that
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
        Map<Integer, List<RoutineVersions.StepInfo>> detail = new HashMap<>();
        for (JsonNode ref : routine.path("versions")) {
            counts.put(ref.path("version").asInt(), ref.path("stepCount").asInt());
            if (ref.path("steps").isArray()) {
                List<RoutineVersions.StepInfo> list = new ArrayList<>();
                ref.path("steps").forEach(step -> list.add(new RoutineVersions.StepInfo(step.path("pose").asText(),
                        step.path("side").asText(), step.path("gentler").asText(null))));
                detail.put(ref.path("version").asInt(), list);
            }
        }
        counts.put(version, steps.size());
        // A record written before versions[].steps still has the version itself whole: its steps, and the
        // gentler options of the steps themselves (the pose library's it does not carry).
        if (!detail.containsKey(version)) {
            detail.put(version, current(steps));
        }
        view.record(id, counts, detail);
        Log.debugf("Routine view: %s now has versions %s", id, counts.keySet());
    }

    private static List<RoutineVersions.StepInfo> current(JsonNode steps) {
        List<RoutineVersions.StepInfo> current = new ArrayList<>();
        for (JsonNode step : steps) {
            String gentler = null;
            for (JsonNode option : step.path("options")) {
                if ("gentler".equals(option.path("intensity").asText()) && gentler == null) {
                    gentler = option.path("label").asText(null);
                }
            }
            current.add(new RoutineVersions.StepInfo(step.path("pose").asText(), step.path("side").asText(), gentler));
        }
        return current;
    }
}
