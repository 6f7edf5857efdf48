package dev.sukha.platform.sealing;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.util.Collection;
import java.util.Date;
import java.util.Objects;

/**
 * The documents of {@code sukha-keys.person_keys}: one per person ({@code _id} = user id), shared by
 * session-service (which creates a person's key at their first post) and insights-service (which
 * opens records with it and destroys it at erasure).
 * <pre>
 *   {_id: user, keyId, key: "kekId:base64", createdAt[, erasedAt]}   a live key (erasedAt: erased once before)
 *   {_id: user, erasing: date, erasedAt[, erasedKeyId]}               an erasure under way: posts get 503
 *   {_id: user, erasedAt}                                             erased; the next post starts a new key
 * </pre>
 */
public final class PersonKeyDocuments {

    public static final String COLLECTION = "person_keys";
    static final String KEY_ID = "keyId";
    static final String KEY = "key";
    static final String CREATED_AT = "createdAt";
    static final String ERASING = "erasing";
    static final String ERASED_AT = "erasedAt";
    /** While an erasure is under way: the id of the key it destroyed (for whoever finishes it). */
    static final String ERASED_KEY_ID = "erasedKeyId";

    private PersonKeyDocuments() {
    }

    /**
     * What the store says of a person: their live key's id and wrapped key (null: none), whether an
     * erasure is under way, and when they were last erased (null: never).
     */
    public record State(String userId, String keyId, String wrapped, boolean erasing, Date erasedAt) {

        /** A person the store has no document for. */
        public static State none(String userId) {
            return new State(userId, null, null, false, null);
        }

        /** A key records can be sealed with and opened by. */
        public boolean live() {
            return keyId != null && !erasing;
        }

        /** Records from before sealing (plain) are theirs only while they were never erased. */
        public boolean plainReadable() {
            return !erasing && erasedAt == null;
        }

        /** An erasure happened or began since {@code before} was read: what was read with it must go. */
        public boolean erasedSince(State before) {
            return erasing || !Objects.equals(erasedAt, before.erasedAt)
                    || (before.keyId != null && !before.keyId.equals(keyId));
        }
    }

    public static State state(Document doc) {
        return new State(doc.getString("_id"), doc.getString(KEY_ID), doc.getString(KEY), doc.get(ERASING) != null,
                doc.getDate(ERASED_AT));
    }

    /** A person's first key. */
    public static Document newKey(String user, String keyId, String wrapped, Date createdAt) {
        return new Document("_id", user).append(KEY_ID, keyId).append(KEY, wrapped).append(CREATED_AT, createdAt);
    }

    /** The person's document when they have no key and no erasure is under way (erased before: a new life). */
    public static Bson renewable(String user) {
        return Filters.and(Filters.eq("_id", user), Filters.exists(KEY_ID, false), Filters.exists(ERASING, false));
    }

    /** Gives a renewable document the key of {@code newKey} (made by {@link #newKey}); its erasedAt stays. */
    public static Bson renew(Document newKey) {
        return Updates.combine(Updates.set(KEY_ID, newKey.getString(KEY_ID)), Updates.set(KEY, newKey.getString(KEY)),
                Updates.set(CREATED_AT, newKey.getDate(CREATED_AT)));
    }

    /** Destroys the key in one write and marks the erasure under way (upserted: erasing whom the store never saw). */
    public static Bson destroy(Date at) {
        return Updates.combine(Updates.set(ERASING, at), Updates.set(ERASED_AT, at), Updates.unset(KEY_ID),
                Updates.unset(KEY), Updates.unset(CREATED_AT));
    }

    /** The person's erasure, while under way. */
    public static Bson erasing(String user) {
        return Filters.and(Filters.eq("_id", user), Filters.exists(ERASING, true));
    }

    /** Ends an erasure under way. */
    public static Bson finish() {
        return Updates.combine(Updates.unset(ERASING), Updates.unset(ERASED_KEY_ID));
    }

    /**
     * Whether an erasure of {@code erasedAt} that destroyed {@code erasedKeyId} (null: unknown) missed the key in
     * this document: the same key, or one made before that erasure (a store restored from a backup taken before it).
     * A key made after it is the person's new life, and stays.
     */
    public static boolean keyPredates(Document doc, Date erasedAt, String erasedKeyId) {
        String live = liveKeyId(doc);
        if (live == null) {
            return false;
        }
        Date created = doc.getDate(CREATED_AT);
        return live.equals(erasedKeyId) || created == null || !created.after(erasedAt);
    }

    /** Erasures begun before {@code before} (an instance stopped half-way). */
    public static Bson unfinishedBefore(Date before) {
        return Filters.lt(ERASING, before);
    }

    /** Those of {@code users} erased once or being erased. */
    public static Bson erasedAmong(Collection<String> users) {
        return Filters.and(Filters.in("_id", users), Filters.or(Filters.exists(ERASED_AT, true), Filters.exists(ERASING, true)));
    }

    /** The id of the live key in a document, or null. */
    public static String liveKeyId(Document doc) {
        return doc == null || doc.get(ERASING) != null ? null : doc.getString(KEY_ID);
    }

    /** The one secondary index: unfinished erasures are found by it (sparse: only documents under erasure). */
    public static void ensureIndexes(MongoCollection<Document> keys) {
        keys.createIndex(new Document(ERASING, 1), new IndexOptions().name(ERASING).sparse(true));
    }
}
