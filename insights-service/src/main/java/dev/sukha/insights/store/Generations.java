package dev.sukha.insights.store;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import jakarta.enterprise.context.ApplicationScoped;
import org.bson.Document;

import java.util.List;
import java.util.Optional;

/**
 * Which generation of the projection is live, and which one a rebuild is filling. Kept in
 * {@code meta}, shared by every instance; each instance re-reads it at most once a second
 * (so a rebuild waits {@link #REFRESH_MILLIS} and a little more before it counts on every
 * instance writing to both generations).
 */
@ApplicationScoped
public class Generations {

    public static final long REFRESH_MILLIS = 1000;
    static final String META = "meta";
    static final String ID = "projection";

    /** The live generation (null: none yet), the one being built (null: none), and the next free number. */
    public record State(Long live, Long building, long next) {
    }

    private final Store store;
    private volatile State cached;
    private volatile long readAt;

    public Generations(Store store) {
        this.store = store;
    }

    private MongoCollection<Document> meta() {
        return store.collection(META);
    }

    public State state() {
        long now = System.nanoTime();
        State s = cached;
        if (s == null || now - readAt > REFRESH_MILLIS * 1_000_000) {
            s = read().orElse(new State(null, null, 1));
            cached = s;
            readAt = now;
        }
        return s;
    }

    public Optional<State> read() {
        Document d = meta().find(Filters.eq("_id", ID)).first();
        return Optional.ofNullable(d).map(Generations::state);
    }

    private static State state(Document d) {
        Number live = d.get("live", Number.class);
        Number building = d.get("building", Number.class);
        return new State(live == null ? null : live.longValue(), building == null ? null : building.longValue(),
                d.get("next", Number.class).longValue());
    }

    /** The generations the consumer writes: the live one and the one being built. */
    public List<Long> writeTargets() {
        State s = state();
        if (s.live() == null) {
            return s.building() == null ? List.of() : List.of(s.building());
        }
        return s.building() == null ? List.of(s.live()) : List.of(s.live(), s.building());
    }

    /** Creates the first state if there is none; true if this call created it. */
    public boolean initialise(State initial) {
        Document doc = new Document("_id", ID).append("live", initial.live()).append("building", initial.building())
                .append("next", initial.next());
        try {
            meta().insertOne(doc);
            forget();
            return true;
        } catch (com.mongodb.MongoWriteException e) {
            if (com.mongodb.ErrorCategory.fromErrorCode(e.getCode()) == com.mongodb.ErrorCategory.DUPLICATE_KEY) {
                return false;
            }
            throw e;
        }
    }

    /** Claims the next generation for a rebuild, unless one is being built: returns it. */
    public Optional<Long> claimNext() {
        // meta holds a handful of documents: a filter beyond _id costs nothing here.
        Document d = meta().findOneAndUpdate(Filters.and(Filters.eq("_id", ID), Filters.eq("building", null)),
                Updates.inc("next", 1L), new FindOneAndUpdateOptions().returnDocument(ReturnDocument.BEFORE));
        if (d == null) {
            return Optional.empty();
        }
        long target = state(d).next();
        meta().updateOne(Filters.eq("_id", ID), Updates.set("building", target));
        forget();
        return Optional.of(target);
    }

    /** The built generation becomes the live one. */
    public void switchTo(long target) {
        meta().updateOne(Filters.eq("_id", ID), Updates.combine(Updates.set("live", target), Updates.set("building", null)));
        forget();
    }

    /** A rebuild gave up: nothing is being built. */
    public void abandon(long target) {
        meta().updateOne(Filters.and(Filters.eq("_id", ID), Filters.eq("building", target)), Updates.set("building", null));
        forget();
    }

    /** Deletes every document of a generation (a range of {@code _id}s). */
    public long drop(long generation) {
        String[] range = ProjectionIds.generationRange(generation);
        return store.projection().deleteMany(Filters.and(Filters.gte("_id", range[0]), Filters.lt("_id", range[1])))
                .getDeletedCount();
    }

    private void forget() {
        cached = null;
    }
}
