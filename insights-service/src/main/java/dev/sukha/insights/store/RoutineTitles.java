package dev.sukha.insights.store;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import dev.sukha.insights.domain.RoutinePlan;
import jakarta.enterprise.context.ApplicationScoped;
import org.bson.Document;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * insights' view of the catalogue, from the routines topic alone: each routine's title
 * (of its newest version seen) and the step count of every version.
 */
@ApplicationScoped
public class RoutineTitles {

    static final String COLLECTION = "routines";

    private final Store store;
    private final Revisions revisions;

    public RoutineTitles(Store store, Revisions revisions) {
        this.store = store;
        this.revisions = revisions;
    }

    private MongoCollection<Document> collection() {
        return store.collection(COLLECTION);
    }

    /** Idempotent and order-free: the title only moves forward with the version. */
    public void record(String id, int version, String title, Map<Integer, Integer> stepCounts, RoutinePlan plan) {
        List<org.bson.conversions.Bson> sets = new ArrayList<>();
        stepCounts.forEach((v, n) -> sets.add(Updates.set("steps." + v, n)));
        sets.add(Updates.max("latest", version));
        collection().updateOne(Filters.eq("_id", id), Updates.combine(sets), new UpdateOptions().upsert(true));
        collection().updateOne(Filters.and(Filters.eq("_id", id), Filters.lte("titleVersion", version)),
                Updates.combine(Updates.set("title", title), Updates.set("titleVersion", version)));
        collection().updateOne(Filters.and(Filters.eq("_id", id), Filters.exists("titleVersion", false)),
                Updates.combine(Updates.set("title", title), Updates.set("titleVersion", version)));
        // The newest version's plan, for today's session: moves forward with the version as the title does.
        if (plan == null) {
            revisions.catalogueChanged();
            return;
        }
        String planJson = PlanJson.routine(plan);
        collection().updateOne(Filters.and(Filters.eq("_id", id), Filters.or(Filters.exists("planVersion", false),
                Filters.lte("planVersion", version))), Updates.combine(Updates.set("plan", planJson), Updates.set("planVersion", version)));
        revisions.catalogueChanged();
    }

    /** The newest plan of each routine named that has one. */
    public Map<String, RoutinePlan> plans(Collection<String> ids) {
        Map<String, RoutinePlan> plans = new HashMap<>();
        if (!ids.isEmpty()) {
            for (Document d : collection().find(Filters.in("_id", ids))) {
                if (d.getString("plan") != null) {
                    plans.put(d.getString("_id"), PlanJson.routine(d.getString("plan")));
                }
            }
        }
        return plans;
    }

    public Map<String, String> titles(Collection<String> ids) {
        Map<String, String> titles = new HashMap<>();
        if (!ids.isEmpty()) {
            for (Document d : collection().find(Filters.in("_id", ids))) {
                titles.put(d.getString("_id"), d.getString("title"));
            }
        }
        return titles;
    }
}
