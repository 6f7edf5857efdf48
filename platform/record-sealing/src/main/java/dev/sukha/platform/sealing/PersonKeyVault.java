package dev.sukha.platform.sealing;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import org.bson.Document;

import javax.crypto.SecretKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The person keys in {@code sukha-keys.person_keys} ({@link PersonKeyDocuments}), read and written
 * the one way every service does: a person's key is made the first time anything of theirs is
 * sealed (inserted by {@code _id}, so two instances or two services agree on one), read fresh from
 * the store whenever a seal must not use a key erased a moment ago, and destroyed by erasure. Only
 * unwrapping is remembered, by key id.
 */
public final class PersonKeyVault {

    /** A person's live key, with the sealer of their stored values. */
    public record Live(String userId, String keyId, SecretKey key, SealedValues values, boolean erasedBefore) {

        /** A record of this person's sealed with this key ({@code practice-event.v2.json}). */
        public SealedRecord seal(String eventId, byte[] plainRecord) {
            return SealedRecord.seal(eventId, userId, keyId, key, plainRecord);
        }
    }

    /** The person's data is being erased: nothing may be sealed for them until it is done. */
    public static final class Erasing extends RuntimeException {
        public Erasing() {
            super("this person's data is being erased", null, false, false);
        }
    }

    private final MongoCollection<Document> keys;
    private final UnwrappedKeys unwrapped;

    public PersonKeyVault(MongoCollection<Document> keys, KeyRing ring) {
        this.keys = keys;
        this.unwrapped = new UnwrappedKeys(ring);
    }

    public MongoCollection<Document> collection() {
        return keys;
    }

    /** The states of these people, in one read; a person without a document has none of anything. */
    public Map<String, PersonKeyDocuments.State> states(Collection<String> users) {
        Map<String, PersonKeyDocuments.State> states = new HashMap<>();
        if (users.isEmpty()) {
            return states;
        }
        for (Document doc : keys.find(Filters.in("_id", users))) {
            PersonKeyDocuments.State state = PersonKeyDocuments.state(doc);
            states.put(state.userId(), state);
        }
        users.forEach(u -> states.computeIfAbsent(u, PersonKeyDocuments.State::none));
        return states;
    }

    /** The person's state now. */
    public PersonKeyDocuments.State state(String user) {
        return states(List.of(user)).get(user);
    }

    /** When the person's live key was made (their current life began); null when they have none. */
    public Instant liveSince(String user) {
        Document doc = keys.find(Filters.eq("_id", user)).first();
        Date created = PersonKeyDocuments.liveKeyId(doc) == null ? null : doc.getDate(PersonKeyDocuments.CREATED_AT);
        return created == null ? null : created.toInstant();
    }

    /** The live key of this state; null when it has none. */
    public SecretKey key(PersonKeyDocuments.State state) {
        return unwrapped.of(state);
    }

    /** The sealer of stored values of this state's live key; null when it has none. */
    public SealedValues values(PersonKeyDocuments.State state) {
        return unwrapped.values(state);
    }

    /** The live key of this state, whole; null when it has none. */
    public Live live(PersonKeyDocuments.State state) {
        return state.live() ? open(state) : null;
    }

    /**
     * Each person's live key, made where they have none (a first post, a first goal; or a new life
     * after an erasure), in one read and at most one insert for all of them. A person whose erasure
     * is under way is {@link Erasing} in the answer instead.
     */
    public Map<String, Object> liveOrNew(Collection<String> users) {
        Map<String, Object> found = new HashMap<>();
        Set<String> wanted = new LinkedHashSet<>(users);
        for (int round = 0; round < 3 && !wanted.isEmpty(); round++) {
            Set<String> retry = new HashSet<>();
            List<Document> inserts = new ArrayList<>();
            for (Document doc : keys.find(Filters.in("_id", wanted))) {
                PersonKeyDocuments.State state = PersonKeyDocuments.state(doc);
                String user = state.userId();
                wanted.remove(user);
                if (state.erasing()) {
                    found.put(user, new Erasing());
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
        return found;
    }

    /** One person's live key, made if they have none; throws {@link Erasing} during their erasure. */
    public Live liveOrNew(String user) {
        Object found = liveOrNew(List.of(user)).get(user);
        if (found instanceof Erasing e) {
            throw e;
        }
        return (Live) found;
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
        boolean renewed = keys.updateOne(PersonKeyDocuments.renewable(user), PersonKeyDocuments.renew(fresh)).getModifiedCount() == 1;
        // Marked as erased before, for the answer only: the stored document keeps its own erasedAt.
        return renewed ? fresh.append(PersonKeyDocuments.ERASED_AT, new Date(0)) : null;
    }

    private void insertAll(List<Document> inserts, Set<String> lostRaces) {
        try {
            keys.insertMany(inserts, new InsertManyOptions().ordered(false));
        } catch (MongoBulkWriteException e) {
            for (var error : e.getWriteErrors()) {
                if (ErrorCategory.fromErrorCode(error.getCode()) != ErrorCategory.DUPLICATE_KEY) {
                    throw e;
                }
                lostRaces.add(inserts.get(error.getIndex()).getString("_id"));
            }
        }
    }

    private Live open(PersonKeyDocuments.State state) {
        return new Live(state.userId(), state.keyId(), unwrapped.of(state), unwrapped.values(state), state.erasedAt() != null);
    }

    /**
     * Destroys the person's key in one write and marks their erasure under way (nothing is sealed for
     * them until {@link #finish}); returns the id of the key destroyed, null when there was none. The id
     * is kept beside the tombstone until the erasure finishes, for an instance that resumes it.
     */
    public String destroy(String user, Instant at) {
        Document before = keys.findOneAndUpdate(Filters.eq("_id", user), PersonKeyDocuments.destroy(Date.from(at)),
                new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.BEFORE));
        String keyId = PersonKeyDocuments.liveKeyId(before);
        if (keyId != null) {
            unwrapped.forget(keyId);
            keys.updateOne(PersonKeyDocuments.erasing(user), Updates.set(PersonKeyDocuments.ERASED_KEY_ID, keyId));
        }
        return keyId;
    }

    /**
     * An erasure from the ledger, applied again: if the store holds a key that erasure should have destroyed
     * (a store restored from before it), that key is destroyed now and the erasure marked under way, as
     * {@link #destroy} does; the caller then deletes what was restored and {@link #finish}es. True when a key was
     * destroyed. A key made after the erasure is the person's new life, and stays.
     */
    public boolean destroyIfPredating(String user, Instant erasedAt, String erasedKeyId) {
        Document doc = keys.find(Filters.eq("_id", user)).first();
        if (doc == null || !PersonKeyDocuments.keyPredates(doc, Date.from(erasedAt), erasedKeyId)) {
            return false;
        }
        String keyId = PersonKeyDocuments.liveKeyId(doc);
        Document before = keys.findOneAndUpdate(Filters.and(Filters.eq("_id", user), Filters.eq(PersonKeyDocuments.KEY_ID, keyId)),
                Updates.combine(PersonKeyDocuments.destroy(new Date()), Updates.set(PersonKeyDocuments.ERASED_KEY_ID, keyId)),
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.BEFORE));
        unwrapped.forget(keyId);
        return before != null;
    }

    /** The id of the key an erasure under way destroyed (for an instance that resumes it); null when unknown. */
    public String erasedKeyId(String user) {
        Document doc = keys.find(PersonKeyDocuments.erasing(user)).first();
        return doc == null ? null : doc.getString(PersonKeyDocuments.ERASED_KEY_ID);
    }

    /** The erasure is complete: the person may start again with a new key. */
    public void finish(String user) {
        keys.updateOne(PersonKeyDocuments.erasing(user), PersonKeyDocuments.finish());
    }

    /** People whose erasure began before {@code before} and never finished (an instance stopped half-way). */
    public List<String> unfinished(Instant before) {
        // A field other than _id: a scan of one small document per person on the local store, an index on MongoDB.
        return keys.find(PersonKeyDocuments.unfinishedBefore(Date.from(before))).map(d -> d.getString("_id")).into(new ArrayList<>());
    }

    /** The id of the person's live key, null when they have none (read now, never cached). */
    public String liveKeyId(String user) {
        return PersonKeyDocuments.liveKeyId(keys.find(Filters.eq("_id", user)).first());
    }

    /** Those of these people who were erased, or are being erased (one read; nothing is created). */
    public Set<String> erasedAmong(Collection<String> users) {
        Set<String> erased = new HashSet<>();
        for (Document doc : keys.find(PersonKeyDocuments.erasedAmong(users))) {
            erased.add(doc.getString("_id"));
        }
        return erased;
    }

    public void ensureIndexes() {
        PersonKeyDocuments.ensureIndexes(keys);
    }
}
