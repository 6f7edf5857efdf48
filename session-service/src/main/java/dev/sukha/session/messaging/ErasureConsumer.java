package dev.sukha.session.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.model.Filters;
import dev.sukha.session.keys.PersonKeys;
import dev.sukha.session.store.Store;
import io.quarkus.logging.Log;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Erasures decided by insights-service ({@code person-erasures}, keyed by user id, no health
 * data): deletes what session-service keeps of the person — their event claims (which hold a
 * fingerprint of each event's content) and their sessions. Their key is already gone, so
 * nothing they recorded is readable any more; this removes what is left here. Deleting twice
 * is harmless, so the record is simply consumed again after a crash.
 */
@ApplicationScoped
public class ErasureConsumer {

    public static final String CHANNEL = "person-erasures-in";

    private final Store store;
    private final PersonKeys keys;
    private final ObjectMapper json;

    public ErasureConsumer(Store store, PersonKeys keys, ObjectMapper json) {
        this.store = store;
        this.keys = keys;
        this.json = json;
    }

    @Incoming(CHANNEL)
    @Blocking
    public void consume(String value) throws Exception {
        JsonNode erasure = json.readTree(value);
        String user = erasure.path("userId").asText("");
        if (user.isEmpty()) {
            Log.warnf("An erasure record without a userId was ignored");
            return;
        }
        // Everything of theirs but what their live key sealed: if they came back before this record was read, their
        // new life stays (its claims keep resends DUPLICATE). Found by a field, not _id: a scan on the local store, an
        // index on MongoDB ("owner", "userId"); erasures are rare.
        String live = keys.liveKeyId(user);
        String erased = erasure.path("keyId").asText(null);
        // What the erased key sealed (also when a store restored from before the erasure calls it live again), and
        // anything of a key that is not the live one.
        var notLive = live == null ? Filters.empty()
                : erased == null ? Filters.ne("keyId", live) : Filters.or(Filters.eq("keyId", erased), Filters.ne("keyId", live));
        long claims = store.get(Store.EVENTS).deleteMany(Filters.and(Filters.eq("userId", user), notLive)).getDeletedCount();
        long sessions = store.get(Store.SESSIONS).deleteMany(Filters.and(Filters.eq("owner", user), notLive)).getDeletedCount();
        Log.infof("erasure %s: deleted %d event claims and %d sessions", erasure.path("erasureId").asText(), claims, sessions);
    }
}
