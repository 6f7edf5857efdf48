package dev.sukha.insights.store;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import dev.sukha.insights.domain.ProgrammePlan;
import jakarta.enterprise.context.ApplicationScoped;
import org.bson.Document;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** insights' view of the catalogue's programmes, from the programmes topic: each one's newest version seen. */
@ApplicationScoped
public class Programmes {

    static final String COLLECTION = "programmes";

    private final Store store;
    private final Revisions revisions;

    public Programmes(Store store, Revisions revisions) {
        this.store = store;
        this.revisions = revisions;
    }

    private MongoCollection<Document> collection() {
        return store.collection(COLLECTION);
    }

    /** Idempotent and order-free: a programme only moves forward with its version. */
    public void record(ProgrammePlan plan) {
        collection().updateOne(Filters.eq("_id", plan.id()), Updates.max("v", 0), new UpdateOptions().upsert(true));
        collection().updateOne(Filters.and(Filters.eq("_id", plan.id()), Filters.lte("v", plan.version())),
                Updates.combine(Updates.set("v", plan.version()), Updates.set("plan", PlanJson.programme(plan))));
        revisions.catalogueChanged();
    }

    public Optional<ProgrammePlan> find(String id) {
        Document d = id == null ? null : collection().find(Filters.eq("_id", id)).first();
        return d == null || d.getString("plan") == null ? Optional.empty() : Optional.of(PlanJson.programme(d.getString("plan")));
    }

    public List<ProgrammePlan> all() {
        List<ProgrammePlan> all = new ArrayList<>();
        for (Document d : collection().find()) {
            if (d.getString("plan") != null) {
                all.add(PlanJson.programme(d.getString("plan")));
            }
        }
        return all;
    }
}
