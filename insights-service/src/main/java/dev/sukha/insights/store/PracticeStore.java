package dev.sukha.insights.store;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import dev.sukha.insights.domain.IsoWeek;
import dev.sukha.insights.domain.SessionFacts;
import dev.sukha.insights.domain.WeeklyGoal;
import dev.sukha.insights.messaging.PracticeRecord;
import jakarta.enterprise.context.ApplicationScoped;
import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One document per person, keyed by user id: the facts of each session (merged from
 * its events) and the weekly goal's history. Every figure is computed from it on read,
 * so one lookup by {@code _id} serves any endpoint.
 */
@ApplicationScoped
public class PracticeStore {

    public static final String COLLECTION = "practice";

    private static final String META = "meta";

    private final MongoClient client;
    private final String database;
    /** The collection reads use; a rebuild fills another and then switches this. */
    private final AtomicReference<String> live = new AtomicReference<>();

    public PracticeStore(MongoClient client, @ConfigProperty(name = "quarkus.mongodb.database") String database) {
        this.client = client;
        this.database = database;
    }

    /** The live projection's collection, as the last rebuild left it (read once, then kept in memory). */
    public String liveCollection() {
        String name = live.get();
        if (name == null) {
            Document meta = collection(META).find(Filters.eq("_id", "live")).first();
            name = meta == null ? COLLECTION : meta.getString("collection");
            live.compareAndSet(null, name);
        }
        return live.get();
    }

    /** Makes a rebuilt collection the live one, for this instance and after restarts, and drops the old one. */
    public void switchTo(String name) {
        String old = liveCollection();
        collection(META).updateOne(Filters.eq("_id", "live"), Updates.set("collection", name),
                new UpdateOptions().upsert(true));
        live.set(name);
        if (!old.equals(name)) {
            collection(old).drop();
        }
    }

    MongoCollection<Document> collection(String name) {
        return client.getDatabase(database).getCollection(name);
    }

    /** Drops a collection a rebuild could not finish; never the live one. */
    public void discard(String name) {
        if (!name.equals(liveCollection())) {
            collection(name).drop();
        }
    }

    /** Applies events, grouped into one unordered bulk of one update per person, to the given collections. */
    public void apply(Collection<PracticeRecord> records, Collection<String> collections) {
        Map<String, SessionMerge> byUser = new LinkedHashMap<>();
        for (PracticeRecord r : records) {
            byUser.computeIfAbsent(r.userId(), k -> new SessionMerge()).add(r);
        }
        if (byUser.isEmpty()) {
            return;
        }
        List<WriteModel<Document>> writes = new ArrayList<>();
        byUser.forEach((user, merge) -> writes.add(new UpdateOneModel<>(Filters.eq("_id", user), merge.update(),
                new UpdateOptions().upsert(true))));
        for (String name : collections) {
            collection(name).bulkWrite(writes, new BulkWriteOptions().ordered(false));
        }
    }

    public List<SessionFacts> sessions(String user) {
        Document doc = collection(liveCollection()).find(Filters.eq("_id", user)).first();
        return doc == null ? List.of() : sessions(doc);
    }

    static List<SessionFacts> sessions(Document doc) {
        Document sessions = doc.get("sessions", Document.class);
        if (sessions == null) {
            return List.of();
        }
        List<SessionFacts> out = new ArrayList<>();
        sessions.forEach((id, value) -> {
            Document s = (Document) value;
            out.add(new SessionFacts(id, s.getString("routineId"), s.getInteger("stepCount", 0), s.getString("zone"),
                    time(s.getString("startedAt")), s.getString("end"), time(s.getString("endedAt")),
                    ratings(s.get("painBefore", Document.class)), ratings(s.get("painAfter", Document.class)),
                    new HashSet<>(s.getList("completed", Integer.class, List.of()))));
        });
        return out;
    }

    /** The goal history lives in its own collection, beside the rebuildable projections. */
    public WeeklyGoal goal(String user) {
        Document doc = collection("goals").find(Filters.eq("_id", user)).first();
        Map<IsoWeek, Integer> changes = new HashMap<>();
        if (doc != null && doc.get("changes", Document.class) != null) {
            doc.get("changes", Document.class).forEach((week, days) -> changes.put(IsoWeek.parse(week), ((Number) days).intValue()));
        }
        return new WeeklyGoal(changes);
    }

    public void setGoal(String user, IsoWeek from, int days) {
        collection("goals").updateOne(Filters.eq("_id", user), Updates.set("changes." + from, days),
                new UpdateOptions().upsert(true));
    }

    private static OffsetDateTime time(String text) {
        return text == null ? null : OffsetDateTime.parse(text);
    }

    private static Map<String, Integer> ratings(Document doc) {
        if (doc == null) {
            return Map.of();
        }
        Map<String, Integer> out = new HashMap<>();
        doc.forEach((area, v) -> out.put(area, ((Number) v).intValue()));
        return out;
    }
}
