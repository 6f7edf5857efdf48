package dev.sukha.insights.usecase;

import dev.sukha.insights.domain.Figure;
import dev.sukha.insights.store.Generations;
import dev.sukha.insights.store.PersonSeal;
import dev.sukha.insights.store.ProjectionWriter;
import dev.sukha.insights.store.Revisions;
import dev.sukha.platform.sealing.PersonKeyDocuments;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Function;

/**
 * Applies a batch of opened events to the projection — the live generation, and the one a rebuild is filling — and
 * tells who changed: what consuming {@code practice-events} does once the records are read, with no Kafka in it.
 * Store outages are waited out ({@link StoreRetry}); the writes are idempotent, so a batch applied again changes
 * nothing. Returns the events the projection refused (over a limit, or refused by the store), by index, with why:
 * the caller dead-letters them.
 */
@ApplicationScoped
public class ApplyEvents {

    private final ProjectionWriter writer;
    private final Generations generations;
    private final BatchSeals seals;
    private final Revisions revisions;
    private final ChangeNotices changes;
    private final Workers workers;
    private final MeterRegistry metrics;
    private final Timer writeLatency;
    private final Tracer tracer;

    public ApplyEvents(ProjectionWriter writer, Generations generations, BatchSeals seals, Revisions revisions,
                       ChangeNotices changes, Workers workers, MeterRegistry metrics, Tracer tracer) {
        this.writer = writer;
        this.generations = generations;
        this.seals = seals;
        this.revisions = revisions;
        this.changes = changes;
        this.workers = workers;
        this.metrics = metrics;
        this.tracer = tracer;
        this.writeLatency = Timer.builder("sukha.insights.projection.write")
                .description("Time to write one consumed batch into the projection").register(metrics);
    }

    /**
     * Applies {@code incoming}, opened with {@code keys} (its people's key states as read before opening); returns
     * the refused events by their index.
     */
    public Map<Integer, String> apply(List<ProjectionWriter.Incoming> incoming, Map<String, PersonKeyDocuments.State> keys) {
        Set<String> people = new HashSet<>();
        incoming.forEach(in -> people.add(in.userId()));
        // The store's work for the batch, as a child span: how many events, for how many people; never who.
        Span write = tracer.spanBuilder("projection write").setAttribute("db.system", "mongodb")
                .setAttribute("sukha.events", (long) incoming.size()).setAttribute("sukha.people", (long) people.size()).startSpan();
        Map<Integer, String> refused;
        try (Scope ignored = write.makeCurrent()) {
            refused = write(incoming, StoreRetry.until("reading and making record keys", () -> seals.seals(keys, people)));
        } finally {
            write.end();
        }
        people.removeAll(StoreRetry.until("checking for erasures", () -> seals.sweepErased(keys, people)));
        // After the writes: their revisions say so (ETags), and every instance hears it (streams of changes).
        StoreRetry.untilDone("raising revisions", () -> revisions.figuresChanged(people));
        changes.changed(people, Figure.FROM_EVENTS);
        metrics.counter("sukha.insights.events.applied").increment(incoming.size() - refused.size());
        return refused;
    }

    /** Writes to every generation being written; the live one's refusals are the answer. */
    private Map<Integer, String> write(List<ProjectionWriter.Incoming> incoming, Function<String, PersonSeal> sealOf) {
        return StoreRetry.until("Projection write of " + incoming.size() + " events", () -> {
            List<Long> targets = generations.writeTargets();
            if (targets.isEmpty()) {
                throw new IllegalStateException("the projection has no generation yet");
            }
            Map<Integer, String> refused = null;
            for (long target : targets) {
                Timer.Sample sample = Timer.start();
                Map<Integer, String> r = inGroups(incoming, target, sealOf);
                sample.stop(writeLatency);
                if (refused == null) {
                    refused = r;
                }
            }
            return refused;
        });
    }

    /**
     * Splits the batch by person into a few groups written side by side: each group waits on
     * the store in turn, and one person's events are always in one group, in order.
     */
    private Map<Integer, String> inGroups(List<ProjectionWriter.Incoming> incoming, long target, Function<String, PersonSeal> sealOf) {
        int groups = workers.share(incoming.size(), 200);
        if (groups == 1) {
            return writer.apply(incoming, target, sealOf);
        }
        List<List<ProjectionWriter.Incoming>> split = new ArrayList<>();
        for (int i = 0; i < groups; i++) {
            split.add(new ArrayList<>());
        }
        incoming.forEach(in -> split.get(Math.floorMod(in.userId().hashCode(), groups)).add(in));
        List<Callable<Map<Integer, String>>> tasks = new ArrayList<>();
        for (List<ProjectionWriter.Incoming> group : split) {
            tasks.add(() -> writer.apply(group, target, sealOf));
        }
        Map<Integer, String> refused = new HashMap<>();
        workers.all(tasks).forEach(refused::putAll);
        return refused;
    }
}
