package dev.sukha.insights.store;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import jakarta.enterprise.context.ApplicationScoped;
import org.bson.Document;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * insights' view of the pose library, from the routines topic alone: each pose's name and
 * body areas, as the routine records that use it carry them. A person's figures name poses
 * and their areas from it; a pose no record has named yet is shown by its id.
 */
@ApplicationScoped
public class PoseLibrary {

    static final String COLLECTION = "poses";

    /** A pose as the library names it. */
    public record Pose(String id, String name, List<String> areas) {
    }

    private final Store store;

    private final Revisions revisions;

    public PoseLibrary(Store store, Revisions revisions) {
        this.store = store;
        this.revisions = revisions;
    }

    private MongoCollection<Document> collection() {
        return store.collection(COLLECTION);
    }

    /** Idempotent: the same pose recorded again, from any routine, is the same document. */
    public void record(Collection<Pose> poses) {
        for (Pose p : poses) {
            collection().replaceOne(Filters.eq("_id", p.id()), new Document("_id", p.id()).append("name", p.name())
                    .append("areas", p.areas()), new ReplaceOptions().upsert(true));
        }
        if (!poses.isEmpty()) {
            revisions.catalogueChanged();
        }
    }

    /** The poses known of {@code ids}, by id. */
    public Map<String, Pose> find(Collection<String> ids) {
        Map<String, Pose> out = new HashMap<>();
        if (!ids.isEmpty()) {
            for (Document d : collection().find(Filters.in("_id", ids))) {
                out.put(d.getString("_id"), new Pose(d.getString("_id"), d.getString("name"), d.getList("areas", String.class)));
            }
        }
        return out;
    }
}
