package dev.sukha.insights.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sukha.insights.domain.Rfc3339;
import dev.sukha.insights.domain.SessionFacts;
import dev.sukha.insights.domain.StepFeel;

import java.util.Map;
import java.util.TreeMap;

/** A session's facts as one JSON string, in its week's document. */
final class FactsJson {

    private FactsJson() {
    }


    /**
     * A session's facts, by position: {@code [routineId, version, stepCount, zone, startedAt, end,
     * endedAt, painBefore, painAfter, completed steps, skipped steps, feels]}, feels being
     * {@code {step: [pose, side, gentler, discomfort, reason]}} (absent when none, and on facts
     * written before).
     */
    static String facts(SessionFacts s) {
        ArrayNode n = StoredJson.JSON.createArrayNode();
        n.add(s.routineId()).add(s.routineVersion()).add(s.stepCount()).add(s.zone())
                .add(s.startedAt() == null ? null : Rfc3339.format(s.startedAt())).add(s.end())
                .add(s.endedAt() == null ? null : Rfc3339.format(s.endedAt()));
        n.add(StoredJson.ratings(s.painBefore()));
        n.add(StoredJson.ratings(s.painAfter()));
        n.add(StoredJson.ints(s.completedSteps()));
        n.add(StoredJson.ints(s.skippedSteps()));
        if (!s.feels().isEmpty()) {
            ObjectNode feels = n.addObject();
            new TreeMap<>(s.feels()).forEach((step, f) -> feels.putArray(step.toString()).add(f.pose()).add(f.side())
                    .add(f.gentler()).add(f.discomfort()).add(f.reason()));
        }
        return StoredJson.write(n);
    }

    static SessionFacts facts(String sessionId, String json) {
        JsonNode n = StoredJson.read(json);
        return new SessionFacts(sessionId, StoredJson.text(n.get(0)), n.get(1).asInt(), n.get(2).asInt(), StoredJson.text(n.get(3)),
                StoredJson.time(StoredJson.text(n.get(4))), StoredJson.text(n.get(5)), StoredJson.time(StoredJson.text(n.get(6))), StoredJson.ratings(n.get(7)), StoredJson.ratings(n.get(8)),
                StoredJson.intSet(n.get(9)), StoredJson.intSet(n.get(10)), feels(n.get(11)));
    }

    private static Map<Integer, StepFeel> feels(JsonNode n) {
        Map<Integer, StepFeel> out = new TreeMap<>();
        if (n != null) {
            n.fields().forEachRemaining(e -> {
                JsonNode f = e.getValue();
                out.put(Integer.valueOf(e.getKey()), new StepFeel(f.get(0).asText(), f.get(1).asText(), StoredJson.text(f.get(2)),
                        f.get(3).isNull() ? null : f.get(3).asInt(), StoredJson.text(f.get(4))));
            });
        }
        return out;
    }
}
