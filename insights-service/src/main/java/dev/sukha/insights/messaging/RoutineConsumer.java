package dev.sukha.insights.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sukha.insights.store.PoseLibrary;
import dev.sukha.insights.store.RoutineTitles;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps insights' catalogue view (titles, step counts, and the names and areas of the poses
 * routines use) from the compacted routines
 * topic. Failure strategy: an unreadable record goes to {@code routines-dlq} (configured).
 */
@ApplicationScoped
public class RoutineConsumer {

    private final FigureChanges changes;

    public static final String CHANNEL = "routines-in";

    private final RoutineTitles titles;
    private final PoseLibrary poses;
    private final ObjectMapper json;

    public RoutineConsumer(RoutineTitles titles, PoseLibrary poses, ObjectMapper json, FigureChanges changes) {
        this.changes = changes;
        this.titles = titles;
        this.poses = poses;
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
        List<PoseLibrary.Pose> used = new ArrayList<>();
        for (JsonNode pose : routine.path("poses")) {
            String poseId = pose.path("id").asText(null);
            String name = pose.path("name").asText(null);
            if (poseId == null || name == null || !pose.path("areas").isArray()) {
                throw new IllegalArgumentException("A pose of a routine record needs id, name and areas");
            }
            List<String> areas = new ArrayList<>();
            pose.path("areas").forEach(a -> areas.add(a.asText()));
            used.add(new PoseLibrary.Pose(poseId, name, areas));
        }
        titles.record(id, version, title, counts);
        poses.record(used);
        // Titles and pose names are in some figures: anyone's may read differently now.
        changes.changed(List.of(FigureChanges.EVERYONE), dev.sukha.insights.usecase.FigureTags.Figure.FROM_CATALOGUE);
    }
}
