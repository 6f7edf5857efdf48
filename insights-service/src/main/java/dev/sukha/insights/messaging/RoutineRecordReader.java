package dev.sukha.insights.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sukha.insights.domain.RoutinePlan;
import dev.sukha.insights.store.PoseLibrary;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What insights takes from a record of routine-service's {@code routines} topic (its contract:
 * {@code schemas/routine-record.v1.json}, published in routine-service's contract jar): the title, every version's
 * step count, the names and areas of the poses used, and the newest version's plan (minutes, spaces, steps) for
 * today's session. Only what the contract requires is relied on; anything else
 * in a record is left alone, so that routine-service may add to it.
 */
public final class RoutineRecordReader {

    /** A routine record as insights keeps it. */
    public record Read(String id, int version, String title, Map<Integer, Integer> stepCounts, List<PoseLibrary.Pose> poses,
                       RoutinePlan plan) {
    }

    private RoutineRecordReader() {
    }

    /** The record under {@code key}; throws for one that is not a routine record (it goes to the dead-letter topic). */
    public static Read read(String key, JsonNode routine) {
        String id = routine.path("id").asText(null);
        int version = routine.path("version").asInt(0);
        String title = routine.path("title").asText(null);
        if (id == null || !id.equals(key) || version < 1 || title == null || !routine.path("steps").isArray()) {
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
        List<RoutinePlan.Step> steps = new ArrayList<>();
        for (JsonNode step : routine.path("steps")) {
            steps.add(new RoutinePlan.Step(step.path("pose").asText(), step.path("side").asText()));
        }
        List<String> spaces = new ArrayList<>();
        routine.path("space").forEach(sp -> spaces.add(sp.asText()));
        RoutinePlan plan = new RoutinePlan(id, version, title, routine.path("minutes").asInt(0), spaces, steps);
        return new Read(id, version, title, counts, used, plan);
    }
}
