package dev.sukha.session.usecase;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import dev.sukha.platform.sealing.PersonKeyDocuments;
import dev.sukha.platform.sealing.ResumableSweep;
import dev.sukha.session.keys.PersonKeys;
import dev.sukha.session.store.EventClaims;
import dev.sukha.session.store.SessionStore;
import dev.sukha.session.store.Store;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.bson.Document;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The migration that leaves nothing a person recorded in the clear in this service's store (claims and
 * sessions written before they were sealed), while it serves: each claim's content is replaced by its
 * digest under the person's key, each session's context and end are sealed. Starts by itself with the
 * service and goes on where it stopped ({@link ResumableSweep}: one instance at a time, progress kept in
 * the store after every batch, {@code sukha_store_sealing_documents} for operators).
 * <p>
 * A document of a key that is no longer its person's live key (an erasure the ledger is deleting) goes
 * now: nothing of it could be opened anyway. Until a document is migrated, both forms read.
 */
@ApplicationScoped
public class StoreSealing {

    static final String ID = "seal-store";

    private final Store store;
    private final PersonKeys keys;
    private final ResumableSweep sweep;

    public StoreSealing(Store store, PersonKeys keys, MeterRegistry metrics) {
        this.store = store;
        this.keys = keys;
        this.sweep = new ResumableSweep(ID, store.get("migrations"), List.of(
                new ResumableSweep.Target(Store.EVENTS, store.get(Store.EVENTS), Filters.exists(EventClaims.PLAIN_CONTENT, true),
                        this::sealClaims),
                new ResumableSweep.Target(Store.SESSIONS, store.get(Store.SESSIONS), Filters.and(
                        Filters.exists(SessionStore.CONTEXT, false), Filters.exists("routineId", true)), this::sealSessions)),
                Duration.ofSeconds(60));
        metrics.gauge("sukha.store.sealing.documents", List.of(io.micrometer.core.instrument.Tag.of("state", "to_do")), sweep,
                s -> s.status().toDo());
        metrics.gauge("sukha.store.sealing.documents", List.of(io.micrometer.core.instrument.Tag.of("state", "done")), sweep,
                s -> s.status().done());
    }

    void start(@Observes StartupEvent event) {
        try {
            sweep.start();
        } catch (RuntimeException e) {
            io.quarkus.logging.Log.warnf("The store sealing migration could not start (%s); it starts with the next instance", e.getMessage());
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

    private int sealClaims(List<Document> claims) {
        Map<String, PersonKeyDocuments.State> states = keys.states(users(claims, "userId"));
        int changed = 0;
        for (Document claim : claims) {
            String id = claim.getString("_id");
            String plain = claim.getString(EventClaims.PLAIN_CONTENT);
            PersonKeyDocuments.State state = states.get(claim.getString("userId"));
            String keyId = claim.getString("keyId");
            var unchanged = Filters.and(Filters.eq("_id", id), Filters.eq(EventClaims.PLAIN_CONTENT, plain));
            if (!state.live() || (keyId != null && !keyId.equals(state.keyId()))) {
                changed += (int) store.get(Store.EVENTS).deleteOne(unchanged).getDeletedCount();
                continue;
            }
            String digest = EventClaims.digest(keys.values(state), UUID.fromString(id), plain);
            changed += (int) store.get(Store.EVENTS).updateOne(unchanged, Updates.combine(Updates.set(EventClaims.CONTENT, digest),
                    Updates.set("keyId", state.keyId()), Updates.unset(EventClaims.PLAIN_CONTENT))).getModifiedCount();
        }
        return changed;
    }

    private int sealSessions(List<Document> sessions) {
        Map<String, PersonKeyDocuments.State> states = keys.states(users(sessions, "owner"));
        int changed = 0;
        for (Document s : sessions) {
            String id = s.getString("_id");
            PersonKeyDocuments.State state = states.get(s.getString("owner"));
            String keyId = s.getString("keyId");
            var unsealed = Filters.and(Filters.eq("_id", id), Filters.exists(SessionStore.CONTEXT, false));
            if (!state.live() || (keyId != null && !keyId.equals(state.keyId()))) {
                changed += (int) store.get(Store.SESSIONS).deleteOne(unsealed).getDeletedCount();
                continue;
            }
            List<org.bson.conversions.Bson> updates = new ArrayList<>(SessionStore.sealPlain(s, keys.values(state)));
            updates.add(Updates.set("keyId", state.keyId()));
            changed += (int) store.get(Store.SESSIONS).updateOne(unsealed, Updates.combine(updates)).getModifiedCount();
        }
        return changed;
    }

    private static Set<String> users(List<Document> docs, String field) {
        Set<String> users = new LinkedHashSet<>();
        docs.forEach(d -> users.add(d.getString(field)));
        return users;
    }
}
