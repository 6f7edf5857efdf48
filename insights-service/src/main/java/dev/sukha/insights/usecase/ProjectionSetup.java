package dev.sukha.insights.usecase;

import dev.sukha.insights.store.Generations;
import dev.sukha.insights.store.People;
import dev.sukha.insights.store.Store;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.bson.Document;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import java.util.ArrayList;
import java.util.List;

/**
 * On first start, sets up the projection's generations. A store that still holds the
 * layout before them (one document per person in {@code practice}, goals in {@code goals})
 * is migrated: goals are copied into the people's settings, and the first generation is
 * rebuilt from {@code practice-events}; the old collections are dropped once it is live.
 * Until then this instance is not ready, so it serves no figures half built.
 */
@ApplicationScoped
@Readiness
public class ProjectionSetup implements HealthCheck {

    /** The layout before generations. */
    static final String OLD_PROJECTION = "practice";
    static final String OLD_GOALS = "goals";

    private final Generations generations;
    private final People people;
    private final Store store;
    private final Rebuild rebuild;
    private volatile boolean migrating;

    public ProjectionSetup(Generations generations, People people, Store store, Rebuild rebuild) {
        this.generations = generations;
        this.people = people;
        this.store = store;
        this.rebuild = rebuild;
    }

    void onStart(@Observes StartupEvent event) {
        if (generations.read().isPresent()) {
            return;
        }
        if (store.exists(OLD_GOALS)) {
            int n = people.importGoals(store.collection(OLD_GOALS).find());
            Log.infof("Migration: copied %d people's weekly goals into their settings", n);
        }
        List<String> old = oldProjections();
        if (old.isEmpty()) {
            generations.initialise(new Generations.State(1L, null, 2));
            return;
        }
        if (!generations.initialise(new Generations.State(null, 1L, 2))) {
            return; // another instance is migrating
        }
        Log.infof("Migration: the store holds the projection layout of one document per person (%s); "
                + "rebuilding generation 1 from practice-events, this instance is not ready until it is done", old);
        migrating = true;
        rebuild.migrate(1, () -> {
            old.forEach(name -> store.collection(name).drop());
            store.collection(OLD_GOALS).drop();
            store.collection("meta").deleteOne(new Document("_id", "live"));
            migrating = false;
            Log.infof("Migration done: generation 1 is live; dropped %s and %s", old, OLD_GOALS);
        });
    }

    private List<String> oldProjections() {
        List<String> old = new ArrayList<>();
        for (String name : store.collectionNames()) {
            if (name.equals(OLD_PROJECTION) || name.startsWith(OLD_PROJECTION + "_")) {
                old.add(name);
            }
        }
        return old;
    }

    @Override
    public HealthCheckResponse call() {
        var builder = HealthCheckResponse.named("insights-projection");
        if (migrating) {
            Rebuild.Status s = rebuild.status();
            return builder.down().withData("migrating", s.processed() + " of " + s.total() + " records").build();
        }
        return builder.up().build();
    }
}
