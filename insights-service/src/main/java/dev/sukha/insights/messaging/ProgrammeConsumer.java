package dev.sukha.insights.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sukha.insights.domain.Figure;
import dev.sukha.insights.domain.ProgrammePlan;
import dev.sukha.insights.store.Programmes;
import dev.sukha.insights.usecase.ChangeNotices;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Keeps insights' view of the catalogue's programmes from the compacted {@code programmes} topic (its contract:
 * {@code schemas/programme-record.v1.json} in routine-service's contract jar). Each instance reads the whole topic at
 * start, in a group of its own; a record that is not a programme is logged and passed over.
 */
@ApplicationScoped
public class ProgrammeConsumer {

    public static final String CHANNEL = "programmes-in";

    private final Programmes programmes;
    private final ObjectMapper json;
    private final FigureChanges changes;

    public ProgrammeConsumer(Programmes programmes, ObjectMapper json, FigureChanges changes) {
        this.programmes = programmes;
        this.json = json;
        this.changes = changes;
    }

    @Incoming(CHANNEL)
    @Blocking
    public void consume(Record<String, String> record) {
        ProgrammePlan plan;
        try {
            plan = read(record.key(), json.readTree(record.value()));
        } catch (Exception e) {
            io.quarkus.logging.Log.warnf("Not a programme record under key %s (%s); passed over", record.key(), e.getMessage());
            return;
        }
        programmes.record(plan);
        changes.changed(List.of(ChangeNotices.EVERYONE), Figure.FROM_CATALOGUE);
    }

    /** The record under {@code key}; throws for one that is not a programme record. */
    static ProgrammePlan read(String key, JsonNode p) {
        String id = p.path("id").asText(null);
        int version = p.path("version").asInt(0);
        if (id == null || !id.equals(key) || version < 1 || !p.path("stages").isArray() || p.path("stages").isEmpty()) {
            throw new IllegalArgumentException("needs id = key, version >= 1 and stages");
        }
        List<String> areas = new ArrayList<>();
        p.path("areas").forEach(a -> areas.add(a.asText()));
        List<ProgrammePlan.Stage> stages = new ArrayList<>();
        for (JsonNode s : p.path("stages")) {
            List<String> routines = new ArrayList<>();
            s.path("routines").forEach(r -> routines.add(r.asText()));
            Map<String, ProgrammePlan.Variant> variants = new TreeMap<>();
            s.path("variants").fields().forEachRemaining(e -> variants.put(e.getKey(), ProgrammePlan.Variant.valueOf(e.getValue().asText())));
            stages.add(new ProgrammePlan.Stage(s.path("stage").asInt(stages.size() + 1), s.path("title").asText(""), routines, variants));
        }
        return new ProgrammePlan(id, version, p.path("title").asText(id), areas, stages);
    }
}
