package dev.sukha.session.keys;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.InsertManyOptions;
import dev.sukha.platform.sealing.Gcm;
import dev.sukha.platform.sealing.KeyRing;
import dev.sukha.platform.sealing.PersonKeyDocuments;
import dev.sukha.platform.sealing.SealedRecord;
import dev.sukha.platform.sealing.UnwrappedKeys;
import dev.sukha.session.config.SessionConfig;
import dev.sukha.session.store.GroupCommit;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import org.bson.Document;

import javax.crypto.SecretKey;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * Each person's record key, in a database of its own ({@code sukha-keys}, collection
 * {@code person_keys}, one document per person by {@code _id}, the key wrapped by the
 * {@link KeyRing}). A person's first post creates their key; erasure (insights-service) deletes
 * it, and from then on every record sealed with it is unreadable wherever a copy lives. A later
 * post starts a new key with a new id.
 * <p>
 * The document is read on every request (with the request's other reads, in one command per
 * tick for all requests), never cached: an instance must not seal with a key that was erased a
 * moment ago. Only the unwrapping is cached, by key id. The documents' shape, the cipher and the
 * wrapping are platform/record-sealing's ({@link PersonKeyDocuments}), shared with insights-service.
 */
@ApplicationScoped
public class PersonKeys {

    public static final String COLLECTION = PersonKeyDocuments.COLLECTION;

    /**
     * A person's live record key.
     *
     * @param erasedBefore the person was erased once and came back: their records from before sealing are theirs no more
     */
    public record PersonKey(String userId, String keyId, SecretKey key, boolean erasedBefore) {

        /** A record of this person's sealed with this key ({@code practice-event.v2.json}). */
        public SealedRecord seal(String eventId, byte[] plainRecord) {
            return SealedRecord.seal(eventId, userId, keyId, key, plainRecord);
        }
    }

    /** The person's data is being erased: nothing may be recorded for them until it is done. */
    public static final class Erasing extends RuntimeException {
        public Erasing() {
            super("this person's data is being erased", null, false, false);
        }
    }

    private static final Object ERASING = new Object();

    private final MongoClient client;
    private final String database;
    private final UnwrappedKeys unwrapped;
    private final GroupCommit<String, Object> reads;

    public PersonKeys(MongoClient client, SessionConfig config, MeterRegistry metrics) {
        this.client = client;
        this.database = config.keys().database();
        this.unwrapped = new UnwrappedKeys(KeyRing.load(config.keys().kekLocation()));
        this.reads = GroupCommit.of("keys-read", this::lookup, config.store(), metrics);
    }

    MongoCollection<Document> keys() {
        return client.getDatabase(database).getCollection(COLLECTION);
    }

    /** The person's live key, created if they have none; fails with {@link Erasing} during their erasure. */
    public CompletableFuture<PersonKey> forUser(String user) {
        return reads.submit(user).thenApply(found -> {
            if (found == ERASING) {
                throw new Erasing();
            }
            return (PersonKey) found;
        });
    }

    /** The id of the person's live key, null when they have none (read now, never cached). */
    public String liveKeyId(String user) {
        return PersonKeyDocuments.liveKeyId(keys().find(Filters.eq("_id", user)).first());
    }

    /** Those of these people who were erased, or are being erased (one read; nothing is created). */
    public Set<String> erasedAmong(java.util.Collection<String> users) {
        Set<String> erased = new HashSet<>();
        for (Document doc : keys().find(PersonKeyDocuments.erasedAmong(users))) {
            erased.add(doc.getString("_id"));
        }
        return erased;
    }

    /** One command for every request of the tick: find, then create what is missing. */
    private List<Object> lookup(List<String> users) {
        Map<String, Object> found = new HashMap<>();
        Set<String> wanted = new LinkedHashSet<>(users);
        for (int round = 0; round < 3 && !wanted.isEmpty(); round++) {
            Set<String> retry = new HashSet<>();
            List<Document> inserts = new ArrayList<>();
            for (Document doc : keys().find(Filters.in("_id", wanted))) {
                PersonKeyDocuments.State state = PersonKeyDocuments.state(doc);
                String user = state.userId();
                wanted.remove(user);
                if (state.erasing()) {
                    found.put(user, ERASING);
                } else if (state.live()) {
                    found.put(user, open(state));
                } else {
                    Document renewed = renew(user);
                    if (renewed == null) {
                        retry.add(user); // another instance got there first: read its key
                    } else {
                        found.put(user, open(PersonKeyDocuments.state(renewed)));
                    }
                }
            }
            for (String user : wanted) {
                inserts.add(newKey(user));
            }
            if (!inserts.isEmpty()) {
                insertAll(inserts, retry);
                inserts.stream().filter(d -> !retry.contains(d.getString("_id")))
                        .forEach(d -> found.put(d.getString("_id"), open(PersonKeyDocuments.state(d))));
            }
            wanted = new LinkedHashSet<>(retry);
        }
        if (!wanted.isEmpty()) {
            throw new IllegalStateException("the record keys of " + wanted.size() + " people kept changing");
        }
        return users.stream().map(found::get).toList();
    }

    private Document newKey(String user) {
        String keyId = UUID.randomUUID().toString();
        SecretKey key = Gcm.newKey();
        unwrapped.remember(keyId, key);
        return PersonKeyDocuments.newKey(user, keyId, unwrapped.ring().wrap(user, keyId, key), new Date());
    }

    /** A person erased before starts again with a new key, unless another instance just gave them one. */
    private Document renew(String user) {
        Document fresh = newKey(user);
        boolean renewed = keys().updateOne(PersonKeyDocuments.renewable(user), PersonKeyDocuments.renew(fresh)).getModifiedCount() == 1;
        // Marked as erased before, for the answer only: the stored document keeps its own erasedAt.
        return renewed ? fresh.append("erasedAt", new Date(0)) : null;
    }

    private void insertAll(List<Document> inserts, Set<String> lostRaces) {
        try {
            keys().insertMany(inserts, new InsertManyOptions().ordered(false));
        } catch (MongoBulkWriteException e) {
            for (var error : e.getWriteErrors()) {
                if (ErrorCategory.fromErrorCode(error.getCode()) != ErrorCategory.DUPLICATE_KEY) {
                    throw e;
                }
                lostRaces.add(inserts.get(error.getIndex()).getString("_id"));
            }
        }
    }

    private PersonKey open(PersonKeyDocuments.State state) {
        return new PersonKey(state.userId(), state.keyId(), unwrapped.of(state), state.erasedAt() != null);
    }
}
