package dev.sukha.insights.store;

import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import jakarta.enterprise.context.ApplicationScoped;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * What a person's figures were computed from, as a few numbers kept beside them, so that deciding
 * whether figures changed costs one small read and no decode (ETags, the stream of changes):
 * <ul>
 * <li>in the person's settings document: {@code frev}, raised after every consumed batch that wrote
 * their figures; {@code srev}, raised with every change of their settings (goal, pauses); and
 * {@code epoch}, set when the document is created — an erasure deletes it, so a person who starts
 * again never meets their old numbers;</li>
 * <li>{@code c|catalogue}'s {@code rev}: raised whenever a routine's title or a pose's name is recorded.</li>
 * </ul>
 * Each is raised after what it stands for was written: a reader that reads these numbers first and
 * the figures after can only ever pair old numbers with newer figures, never the reverse.
 */
@ApplicationScoped
public class Revisions {

    static final String CATALOGUE = "c|catalogue";
    /** Raised when a change could not be told on {@code figure-changes}: every instance forgets what it remembers. */
    static final String RESETS = "c|remembered-resets";

    /** What a person's figures stand on now; all zero (and no epoch) for someone the store has never seen. */
    public record Snapshot(String epoch, long figures, long settings, long catalogue) {
    }

    private final Store store;

    public Revisions(Store store) {
        this.store = store;
    }

    /** The person's numbers and the catalogue's, in one read of two small documents (only those fields). */
    public Snapshot snapshot(String user) {
        return snapshot(user, true);
    }

    /**
     * The person's numbers, and the catalogue's when {@code withCatalogue} (without it, one document
     * by its {@code _id}: the cheapest read there is).
     */
    public Snapshot snapshot(String user, boolean withCatalogue) {
        String settingsId = ProjectionIds.settings(user);
        String epoch = null;
        long figures = 0;
        long settings = 0;
        long catalogue = 0;
        Bson which = withCatalogue ? Filters.in("_id", List.of(settingsId, CATALOGUE)) : Filters.eq("_id", settingsId);
        for (Document d : store.projection().find(which).projection(Projections.include("epoch", "frev", "srev", "rev"))) {
            if (CATALOGUE.equals(d.getString("_id"))) {
                catalogue = number(d, "rev");
            } else {
                epoch = d.getString("epoch");
                figures = number(d, "frev");
                settings = number(d, "srev");
            }
        }
        return new Snapshot(epoch, figures, settings, catalogue);
    }

    /** The catalogue's number alone. */
    public long catalogue() {
        Document d = store.projection().find(Filters.eq("_id", CATALOGUE)).projection(Projections.include("rev")).first();
        return d == null ? 0 : number(d, "rev");
    }

    /** How many times a change could not be told ({@link #changeUntold()}). */
    public long resets() {
        Document d = store.projection().find(Filters.eq("_id", RESETS)).projection(Projections.include("rev")).first();
        return d == null ? 0 : number(d, "rev");
    }

    /** A change of someone's figures could not be sent to the other instances: whatever they remember may be old. */
    public void changeUntold() {
        store.projection().updateOne(Filters.eq("_id", RESETS), Updates.inc("rev", 1L), new UpdateOptions().upsert(true));
    }

    private static long number(Document d, String field) {
        Object v = d.get(field);
        return v instanceof Number n ? n.longValue() : 0;
    }

    /** After a batch wrote these people's figures: one bulk write. */
    public void figuresChanged(Collection<String> users) {
        if (users.isEmpty()) {
            return;
        }
        List<UpdateOneModel<Document>> bumps = new ArrayList<>(users.size());
        for (String user : users) {
            bumps.add(new UpdateOneModel<>(Filters.eq("_id", ProjectionIds.settings(user)),
                    Updates.combine(Updates.inc("frev", 1L), newEpoch()), new UpdateOptions().upsert(true)));
        }
        store.projection().bulkWrite(bumps, new BulkWriteOptions().ordered(false));
    }

    /** Goes with every change of a person's settings, in the same update. */
    static Bson settingsChanged() {
        return Updates.combine(Updates.inc("srev", 1L), newEpoch());
    }

    private static Bson newEpoch() {
        return Updates.setOnInsert("epoch", UUID.randomUUID().toString());
    }

    /** After a routine's title or a pose's name was recorded. */
    public void catalogueChanged() {
        store.projection().updateOne(Filters.eq("_id", CATALOGUE), Updates.inc("rev", 1L), new UpdateOptions().upsert(true));
    }
}
