package dev.sukha.insights.store;

import com.mongodb.client.model.Filters;
import jakarta.enterprise.context.ApplicationScoped;

/** Deletes everything the projection keeps of one person: an erasure. */
@ApplicationScoped
public class PersonDocuments {

    /** Generations below the next free one that may still hold documents (live, being built, just replaced). */
    static final int RECENT_GENERATIONS = 4;

    private final Store store;
    private final Generations generations;

    public PersonDocuments(Store store, Generations generations) {
        this.store = store;
        this.generations = generations;
    }

    /** The person's figures in every recent generation (by {@code _id} and {@code _id} range): how many documents went. */
    public long deleteFigures(String user) {
        Generations.State state = generations.read().orElse(new Generations.State(null, null, 1));
        long deleted = 0;
        for (long gen = Math.max(1, state.next() - RECENT_GENERATIONS); gen < state.next(); gen++) {
            String[] range = ProjectionIds.personRange(gen, user);
            // The summary last: while it is there, the person's documents can still be found (by a reader, by a retry).
            deleted += store.projection().deleteMany(Filters.and(Filters.gte("_id", range[0]), Filters.lt("_id", range[1])))
                    .getDeletedCount();
            deleted += store.projection().deleteOne(Filters.eq("_id", ProjectionIds.summary(gen, user))).getDeletedCount();
        }
        return deleted;
    }

    /** The person's settings: weekly goal and its changes, pauses. */
    public long deleteSettings(String user) {
        return store.projection().deleteOne(Filters.eq("_id", ProjectionIds.settings(user))).getDeletedCount();
    }
}
