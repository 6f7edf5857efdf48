package dev.sukha.session.store;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import dev.sukha.session.domain.RoutineVersions;
import jakarta.enterprise.context.ApplicationScoped;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The published routine versions this service knows, from the routines topic:
 * one document per routine, {@code steps.<version>} = step count and {@code detail.<version>} =
 * its steps' pose, side and gentler option. Setting a version's entries is idempotent and
 * order-free, so replays and compaction are harmless.
 */
@ApplicationScoped
public class RoutineViewStore {

    /** The view changes only when a routine is published: a second of staleness spares a read per request. */
    private static final long CACHE_NANOS = 1_000_000_000L;

    private final Store collections;
    private final java.util.concurrent.ConcurrentHashMap<String, Cached> cache = new java.util.concurrent.ConcurrentHashMap<>();

    private record Cached(Optional<RoutineVersions> value, long at) {
    }

    public RoutineViewStore(Store collections) {
        this.collections = collections;
    }

    public void record(String routineId, Map<Integer, Integer> stepCounts) {
        record(routineId, stepCounts, Map.of());
    }

    /** Also each version's steps ({@code detail.<version>} = [{p, s, g}]), where the topic gave them. */
    public void record(String routineId, Map<Integer, Integer> stepCounts, Map<Integer, List<RoutineVersions.StepInfo>> steps) {
        List<Bson> sets = new ArrayList<>();
        stepCounts.forEach((version, count) -> sets.add(Updates.set("steps." + version, count)));
        steps.forEach((version, list) -> sets.add(Updates.set("detail." + version, list.stream().map(step -> {
            Document d = new Document("p", step.pose()).append("s", step.side());
            if (step.gentler() != null) {
                d.append("g", step.gentler());
            }
            return d;
        }).toList())));
        collections.get(Store.ROUTINE_VIEW).updateOne(Filters.eq("_id", routineId), Updates.combine(sets),
                new UpdateOptions().upsert(true));
        cache.remove(routineId);
    }

    /**
     * The routine's versions. Only routines that exist are cached (the catalogue bounds them): an
     * unknown id costs a lookup and no memory, whatever a client sends.
     */
    public Optional<RoutineVersions> find(String routineId) {
        Cached hit = cache.get(routineId);
        long now = System.nanoTime();
        if (hit != null && now - hit.at() < CACHE_NANOS) {
            return hit.value();
        }
        Optional<RoutineVersions> value = load(routineId);
        if (value.isPresent()) {
            cache.put(routineId, new Cached(value, now));
        } else {
            cache.remove(routineId);
        }
        return value;
    }

    private Optional<RoutineVersions> load(String routineId) {
        Document doc = collections.get(Store.ROUTINE_VIEW).find(Filters.eq("_id", routineId)).first();
        if (doc == null || doc.get("steps", Document.class) == null) {
            return Optional.empty();
        }
        Map<Integer, Integer> counts = new HashMap<>();
        doc.get("steps", Document.class).forEach((version, steps) ->
                counts.put(Integer.valueOf(version), ((Number) steps).intValue()));
        Map<Integer, List<RoutineVersions.StepInfo>> detail = new HashMap<>();
        Document d = doc.get("detail", Document.class);
        if (d != null) {
            d.forEach((version, list) -> detail.put(Integer.valueOf(version), ((List<?>) list).stream()
                    .map(o -> (Document) o)
                    .map(step -> new RoutineVersions.StepInfo(step.getString("p"), step.getString("s"), step.getString("g")))
                    .toList()));
        }
        return Optional.of(new RoutineVersions(routineId, counts, detail));
    }
}
