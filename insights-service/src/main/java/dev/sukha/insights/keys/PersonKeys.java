package dev.sukha.insights.keys;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import dev.sukha.insights.config.InsightsConfig;
import dev.sukha.platform.sealing.KeyRing;
import dev.sukha.platform.sealing.PersonKeyDocuments;
import dev.sukha.platform.sealing.PersonKeyDocuments.State;
import dev.sukha.platform.sealing.UnwrappedKeys;
import jakarta.enterprise.context.ApplicationScoped;
import org.bson.Document;

import javax.crypto.SecretKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The person record keys that session-service creates ({@code sukha-keys.person_keys}, one
 * document per person by {@code _id}): insights reads them to open records, and erases them.
 * Read once per consumed batch for the batch's people, never cached (an erased key must stop
 * opening records at once); only unwrapping is cached, by key id. The documents' shape, the cipher
 * and the wrapping are platform/record-sealing's, shared with session-service.
 */
@ApplicationScoped
public class PersonKeys {

    public static final String COLLECTION = PersonKeyDocuments.COLLECTION;

    private final MongoClient client;
    private final String database;
    private final UnwrappedKeys unwrapped;

    public PersonKeys(MongoClient client, InsightsConfig config) {
        this.client = client;
        this.database = config.keys().database();
        this.unwrapped = new UnwrappedKeys(KeyRing.load(config.keys().kekLocation()));
    }

    MongoCollection<Document> keys() {
        return client.getDatabase(database).getCollection(COLLECTION);
    }

    /** The states of these people, in one read; a person without a document has none of anything. */
    public Map<String, State> states(Collection<String> users) {
        Map<String, State> states = new HashMap<>();
        if (users.isEmpty()) {
            return states;
        }
        for (Document doc : keys().find(Filters.in("_id", users))) {
            State state = PersonKeyDocuments.state(doc);
            states.put(state.userId(), state);
        }
        users.forEach(u -> states.computeIfAbsent(u, State::none));
        return states;
    }

    /** The live key of this state; null when it has none. */
    public SecretKey key(State state) {
        return unwrapped.of(state);
    }

    /**
     * Destroys the person's key in one write: from here on no record sealed with it opens, and
     * no new key can be made for them (session-service answers 503) until {@link #finish}.
     */
    public void destroy(String user, Instant at) {
        Document before = keys().findOneAndUpdate(Filters.eq("_id", user), PersonKeyDocuments.destroy(Date.from(at)),
                new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.BEFORE));
        String keyId = PersonKeyDocuments.liveKeyId(before);
        if (keyId != null) {
            unwrapped.forget(keyId);
        }
    }

    /** The erasure is complete: the person may start again with a new key. */
    public void finish(String user) {
        keys().updateOne(PersonKeyDocuments.erasing(user), PersonKeyDocuments.finish());
    }

    /** People whose erasure began before {@code before} and never finished (an instance stopped half-way). */
    public List<String> unfinished(Instant before) {
        // A field other than _id: a scan of one small document per person on the local store, an index on MongoDB.
        return keys().find(PersonKeyDocuments.unfinishedBefore(Date.from(before))).map(d -> d.getString("_id")).into(new ArrayList<>());
    }

    public void ensureIndexes() {
        PersonKeyDocuments.ensureIndexes(keys());
    }
}
