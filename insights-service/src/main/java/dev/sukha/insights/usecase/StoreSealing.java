package dev.sukha.insights.usecase;

import com.mongodb.client.model.Filters;
import dev.sukha.insights.keys.PersonKeys;
import dev.sukha.insights.store.PersonSeal;
import dev.sukha.insights.store.PlainValues;
import dev.sukha.insights.store.ProjectionIds;
import dev.sukha.insights.store.Store;
import dev.sukha.platform.sealing.PersonKeyDocuments;
import dev.sukha.platform.sealing.ResumableSweep;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.bson.Document;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The migration that leaves nothing a person recorded in the clear in insights' store — the projection's
 * events, facts and histories and the settings, as the code before kept them — while it serves and the
 * consumer writes: every document of the projection collection is gone through once, in {@code _id} order,
 * and what it holds in the clear is sealed in place ({@link PlainValues}). Starts by itself with the
 * service and goes on where it stopped ({@link ResumableSweep}: one instance at a time, progress kept in
 * {@code meta} after every batch, {@code sukha_store_sealing_documents} for operators).
 * <p>
 * A person with documents but no key (their events were consumed from plain records, before records were
 * sealed) is given one now; the documents of someone erased, left behind, are deleted.
 */
@ApplicationScoped
public class StoreSealing {

    static final String ID = "seal-store";
    /** A document changed by the consumer between reading and sealing is read again, up to this many times. */
    static final int ATTEMPTS = 5;

    private final Store store;
    private final PersonKeys keys;
    private final ResumableSweep sweep;

    public StoreSealing(Store store, PersonKeys keys, MeterRegistry metrics) {
        this.store = store;
        this.keys = keys;
        this.sweep = new ResumableSweep(ID, store.collection("meta"), List.of(new ResumableSweep.Target(Store.PROJECTION,
                store.projection(), Filters.empty(), this::seal)), Duration.ofSeconds(60));
        metrics.gauge("sukha.store.sealing.documents", List.of(Tag.of("state", "to_do")), sweep, s -> s.status().toDo());
        metrics.gauge("sukha.store.sealing.documents", List.of(Tag.of("state", "done")), sweep, s -> s.status().done());
    }

    void start(@Observes StartupEvent event) {
        try {
            sweep.start();
        } catch (RuntimeException e) {
            Log.warnf("The store sealing migration could not start (%s); it starts with the next instance", e.getMessage());
        }
    }

    void stop(@Observes ShutdownEvent event) {
        sweep.stop();
    }

    public ResumableSweep.Status status() {
        return sweep.status();
    }

    /** Starts or resumes it now (it also starts with every instance). */
    public ResumableSweep.Status start() {
        return sweep.start();
    }

    private int seal(List<Document> docs) {
        Set<String> users = new LinkedHashSet<>();
        docs.forEach(d -> {
            String user = ProjectionIds.userOf(d.getString("_id"));
            if (user != null) {
                users.add(user);
            }
        });
        Map<String, PersonKeyDocuments.State> states = keys.states(users);
        int changed = 0;
        for (Document doc : docs) {
            String user = ProjectionIds.userOf(doc.getString("_id"));
            if (user == null) {
                continue;
            }
            PersonKeyDocuments.State state = states.get(user);
            if (!state.live() && (state.erasing() || state.erasedAt() != null)) {
                // Left behind by an erasure (or being deleted by one): nothing of it may stay.
                changed += (int) store.projection().deleteOne(Filters.eq("_id", doc.getString("_id"))).getDeletedCount();
                continue;
            }
            PersonSeal seal = PersonSeal.of(user, state.live() ? keys.values(state) : keys.forWriting(user));
            changed += sealOne(doc, seal);
        }
        return changed;
    }

    private int sealOne(Document doc, PersonSeal seal) {
        Document current = doc;
        for (int attempt = 0; attempt < ATTEMPTS && current != null; attempt++) {
            PlainValues.Sealing sealing = PlainValues.of(current, seal);
            if (sealing == null) {
                return 0;
            }
            if (store.projection().updateOne(sealing.filter(), sealing.update()).getMatchedCount() == 1) {
                return 1;
            }
            current = store.projection().find(Filters.eq("_id", doc.getString("_id"))).first(); // changed meanwhile
        }
        if (current != null) {
            throw new IllegalStateException("document " + doc.getString("_id") + " kept changing while being sealed");
        }
        return 0;
    }
}
