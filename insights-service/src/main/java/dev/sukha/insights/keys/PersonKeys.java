package dev.sukha.insights.keys;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import dev.sukha.insights.config.InsightsConfig;
import jakarta.enterprise.context.ApplicationScoped;
import org.bson.Document;

import javax.crypto.SecretKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The person record keys that session-service creates ({@code sukha-keys.person_keys}, one
 * document per person by {@code _id}): insights reads them to open records, and erases them.
 * Read once per consumed batch for the batch's people, never cached (an erased key must stop
 * opening records at once); only unwrapping is cached, by key id.
 */
@ApplicationScoped
public class PersonKeys {

    public static final String COLLECTION = "person_keys";
    private static final int UNWRAPPED_MAX = 100_000;

    /**
     * What the store says of a person: their live key's id (null: none), whether an erasure is
     * under way, and when they were last erased (null: never). Records of theirs that are not
     * sealed (schema 1, from before sealing) are readable only if they were never erased.
     */
    public record KeyState(String userId, String keyId, boolean erasing, Date erasedAt, String wrapped) {
        static final KeyState NONE = new KeyState(null, null, false, null, null);

        public boolean plainReadable() {
            return !erasing && erasedAt == null;
        }

        /** An erasure happened or began since {@code before} was read: what was read with it must go. */
        public boolean erasedSince(KeyState before) {
            return erasing || !java.util.Objects.equals(erasedAt, before.erasedAt)
                    || (before.keyId != null && !before.keyId.equals(keyId));
        }
    }

    private final MongoClient client;
    private final String database;
    private final KeyRing ring;
    private final Map<String, SecretKey> unwrapped = Collections.synchronizedMap(new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, SecretKey> eldest) {
            return size() > UNWRAPPED_MAX;
        }
    });

    public PersonKeys(MongoClient client, InsightsConfig config) {
        this.client = client;
        this.database = config.keys().database();
        this.ring = KeyRing.load(config.keys().kekLocation());
    }

    MongoCollection<Document> keys() {
        return client.getDatabase(database).getCollection(COLLECTION);
    }

    /** The states of these people, in one read; a person without a document has {@link KeyState#NONE}. */
    public Map<String, KeyState> states(Collection<String> users) {
        Map<String, KeyState> states = new HashMap<>();
        if (users.isEmpty()) {
            return states;
        }
        for (Document doc : keys().find(Filters.in("_id", users))) {
            String user = doc.getString("_id");
            states.put(user, new KeyState(user, doc.getString("keyId"), doc.get("erasing") != null, doc.getDate("erasedAt"),
                    doc.getString("key")));
        }
        users.forEach(u -> states.putIfAbsent(u, KeyState.NONE));
        return states;
    }

    /** The live key of this state; null when it has none. */
    public SecretKey key(KeyState state) {
        if (state.keyId() == null || state.erasing()) {
            return null;
        }
        return unwrapped.computeIfAbsent(state.keyId(), id -> ring.unwrap(state.userId(), id, state.wrapped()));
    }

    /**
     * Destroys the person's key in one write: from here on no record sealed with it opens, and
     * no new key can be made for them (session-service answers 503) until {@link #finish}.
     */
    public void destroy(String user, Instant at) {
        Document before = keys().findOneAndUpdate(Filters.eq("_id", user), Updates.combine(Updates.set("erasing", Date.from(at)),
                Updates.set("erasedAt", Date.from(at)), Updates.unset("keyId"), Updates.unset("key"), Updates.unset("createdAt")),
                new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.BEFORE));
        if (before != null && before.getString("keyId") != null) {
            unwrapped.remove(before.getString("keyId")); // other instances' copies age out; none is used again
        }
    }

    /** The erasure is complete: the person may start again with a new key. */
    public void finish(String user) {
        keys().updateOne(Filters.and(Filters.eq("_id", user), Filters.exists("erasing", true)), Updates.unset("erasing"));
    }

    /** People whose erasure began before {@code before} and never finished (an instance stopped half-way). */
    public List<String> unfinished(Instant before) {
        // A field other than _id: a scan of one small document per person on the local store, an index on MongoDB.
        return keys().find(Filters.lt("erasing", Date.from(before))).map(d -> d.getString("_id")).into(new ArrayList<>());
    }

    public void ensureIndexes() {
        keys().createIndex(new Document("erasing", 1), new com.mongodb.client.model.IndexOptions().name("erasing").sparse(true));
    }
}
