package dev.sukha.insights.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sukha.insights.domain.ProgrammePlan;
import dev.sukha.insights.domain.RoutinePlan;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A routine's plan and a programme as JSON strings in the catalogue view (nothing personal: kept in the clear). */
final class PlanJson {

    private PlanJson() {
    }

    static String routine(RoutinePlan p) {
        ObjectNode n = StoredJson.JSON.createObjectNode().put("id", p.id()).put("v", p.version()).put("t", p.title()).put("m", p.minutes());
        ArrayNode spaces = n.putArray("s");
        p.spaces().forEach(spaces::add);
        ArrayNode steps = n.putArray("st");
        p.steps().forEach(s -> steps.addArray().add(s.pose()).add(s.side()));
        return StoredJson.write(n);
    }

    static RoutinePlan routine(String json) {
        JsonNode n = StoredJson.read(json);
        List<String> spaces = new ArrayList<>();
        n.get("s").forEach(s -> spaces.add(s.asText()));
        List<RoutinePlan.Step> steps = new ArrayList<>();
        n.get("st").forEach(s -> steps.add(new RoutinePlan.Step(s.get(0).asText(), s.get(1).asText())));
        return new RoutinePlan(n.get("id").asText(), n.get("v").asInt(), n.get("t").asText(), n.get("m").asInt(), spaces, steps);
    }

    static String programme(ProgrammePlan p) {
        ObjectNode n = StoredJson.JSON.createObjectNode().put("id", p.id()).put("v", p.version()).put("t", p.title());
        ArrayNode areas = n.putArray("a");
        p.areas().forEach(areas::add);
        ArrayNode stages = n.putArray("s");
        for (ProgrammePlan.Stage s : p.stages()) {
            ObjectNode st = stages.addObject().put("n", s.stage()).put("t", s.title());
            ArrayNode routines = st.putArray("r");
            s.routines().forEach(routines::add);
            ObjectNode variants = st.putObject("v");
            new TreeMap<>(s.variants()).forEach((pose, v) -> variants.put(pose, v.name()));
        }
        return StoredJson.write(n);
    }

    static ProgrammePlan programme(String json) {
        JsonNode n = StoredJson.read(json);
        List<String> areas = new ArrayList<>();
        n.get("a").forEach(a -> areas.add(a.asText()));
        List<ProgrammePlan.Stage> stages = new ArrayList<>();
        for (JsonNode st : n.get("s")) {
            List<String> routines = new ArrayList<>();
            st.get("r").forEach(r -> routines.add(r.asText()));
            Map<String, ProgrammePlan.Variant> variants = new TreeMap<>();
            st.get("v").fields().forEachRemaining(e -> variants.put(e.getKey(), ProgrammePlan.Variant.valueOf(e.getValue().asText())));
            stages.add(new ProgrammePlan.Stage(st.get("n").asInt(), st.get("t").asText(), routines, variants));
        }
        return new ProgrammePlan(n.get("id").asText(), n.get("v").asInt(), n.get("t").asText(), areas, stages);
    }
}
