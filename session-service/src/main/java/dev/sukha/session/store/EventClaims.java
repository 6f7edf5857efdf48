package dev.sukha.session.store;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import dev.sukha.platform.sealing.SealedValues;
import dev.sukha.session.config.SessionConfig;
import dev.sukha.session.domain.RecordedEvent;
import dev.sukha.session.domain.SessionState;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.bson.Document;

import java.time.Duration;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The idempotency record of every event id. A request first claims the ids it will
 * send ({@code PENDING}, with its request id and a lease); only the claim holder puts
 * the event on Kafka. Once the broker acknowledged it, the event is recorded: its session
 * lists it ({@link SessionStore#recorded}), which is the one write after the ack (a claim is
 * not marked itself). A request that fails releases its claims; a crashed one's lease runs
 * out. So two concurrent resends of one batch put each event on the topic once: the unique
 * {@code _id} decides.
 * <p>
 * Reads and claims of concurrent requests go to the store together, one command per kind
 * per tick ({@link GroupCommit}). A claim lives {@link #KEEP} after it was made
 * ({@code expiresAt}, a TTL index on MongoDB, a sweep on the local store): events older
 * than 60 days are refused anyway, so a resend of an expired one cannot get in.
 */
@ApplicationScoped
public class EventClaims {

    public static final String PENDING = "PENDING";
    /** The digest of the event's content under the person's key. */
    public static final String CONTENT = "fp";
    /** The content itself, as claims kept it before they were sealed (replaced by the store migration). */
    public static final String PLAIN_CONTENT = "fingerprint";
    /** The state claims were marked with after the ack before sessions alone said so (still read). */
    public static final String RECORDED = "RECORDED";
    /** How long a claim is kept: past the 60 days after which an event is refused. */
    public static final Duration KEEP = Duration.ofDays(61);

    private final Store collections;
    private final GroupCommit<Collection<UUID>, Map<UUID, Claim>> reads;
    private final GroupCommit<Insert, Inserted> inserts;

    public EventClaims(Store collections, MeterRegistry metrics, SessionConfig config) {
        this.collections = collections;
        this.reads = GroupCommit.of("claims-read", this::readAll, config.store(), metrics);
        this.inserts = GroupCommit.of("claims-insert", this::insertAll, config.store(), metrics);
    }

    private MongoCollection<Document> events() {
        return collections.get(Store.EVENTS);
    }

    /** The TTL index a real MongoDB deletes expired claims with (the local store keeps it but relies on {@link #sweep}). */
    public void ensureIndexes() {
        events().createIndex(Indexes.ascending("expiresAt"), new IndexOptions().name("expiry").expireAfter(0L, TimeUnit.SECONDS));
        // An erasure deletes a person's claims and sessions by these fields (ErasureLedger).
        events().createIndex(Indexes.ascending("userId"), new IndexOptions().name("person"));
        collections.get(Store.SESSIONS).createIndex(Indexes.ascending("owner"), new IndexOptions().name("person"));
    }

    /** Deletes expired claims: what the TTL index does on a real MongoDB. */
    public long sweep(Instant now) {
        return events().deleteMany(Filters.lt("expiresAt", Date.from(now))).getDeletedCount();
    }

    /**
     * What a claim keeps of its event's content: a keyed hash of it under the person's key
     * ({@code content}), never the content itself — enough to tell a resend from a conflict, nothing
     * to read back, and nothing at all once the key is erased.
     */
    public static String digest(SealedValues values, UUID eventId, String fingerprint) {
        return values.digest("claim|" + eventId, fingerprint);
    }

    /**
     * A claim's view of an event id held by someone. {@code content} is the digest of the event's
     * content ({@link #digest}); a claim written before claims were sealed holds the content itself
     * ({@code digested} false) until the store migration replaces it.
     */
    public record Claim(UUID eventId, String userId, String content, boolean digested, String state, String holder,
                        Instant claimedAt) {

        /** Whether {@code fingerprint} is this claim's content; {@code values} are the claiming person's. */
        public boolean sameContent(String fingerprint, SealedValues values) {
            return digested ? content.equals(digest(values, eventId, fingerprint)) : content.equals(fingerprint);
        }

        public RecordedEvent asRecorded(SealedValues values) {
            return new RecordedEvent(eventId, userId, fingerprint -> sameContent(fingerprint, values));
        }

        /** Whether another request may take it over: its holder let go, or the holder's lease ran out. */
        public boolean free(Instant now, Duration lease) {
            return holder == null || claimedAt.plus(lease).isBefore(now);
        }

        /**
         * Whether the event is on Kafka: its session lists it among its recorded events ({@code session}: the
         * session of the event this claim was compared with, null when unknown). Claims marked before sessions
         * alone said so carry the mark themselves.
         */
        public boolean recordedIn(SessionState session) {
            return RECORDED.equals(state) || session != null && session.eventIds().contains(eventId.toString());
        }
    }

    /** Events already known by id (recorded or claimed). */
    public CompletableFuture<Map<UUID, Claim>> find(Collection<UUID> ids) {
        return ids.isEmpty() ? CompletableFuture.completedFuture(Map.of()) : reads.submit(ids);
    }

    private List<Map<UUID, Claim>> readAll(List<Collection<UUID>> requests) {
        Set<String> all = new LinkedHashSet<>();
        requests.forEach(ids -> ids.forEach(id -> all.add(id.toString())));
        Map<UUID, Claim> found = new HashMap<>();
        for (Document doc : events().find(Filters.in("_id", all))) {
            Claim claim = claim(doc);
            found.put(claim.eventId(), claim);
        }
        List<Map<UUID, Claim>> out = new ArrayList<>(requests.size());
        for (Collection<UUID> ids : requests) {
            Map<UUID, Claim> mine = new HashMap<>();
            ids.forEach(id -> {
                Claim c = found.get(id);
                if (c != null) {
                    mine.put(id, c);
                }
            });
            out.add(mine);
        }
        return out;
    }

    /**
     * A new event to claim: its id, owner, session, the digest of its content ({@link #digest}), and the
     * person key it is sealed with (an erasure deletes the claims of that key).
     */
    public record NewEvent(UUID eventId, String userId, UUID sessionId, String digest, String keyId) {
    }

    /** One request's claims. */
    public record Insert(List<NewEvent> events, String holder, Instant at) {
    }

    /**
     * What became of one request's claims: the ids someone else holds already (to be resolved by
     * the request), and whether the store refused some for another reason (then nothing of the
     * request may go on, and what it did claim is let go).
     */
    public record Inserted(Set<UUID> taken, Set<UUID> failed, String failure) {
        public boolean ok() {
            return failed.isEmpty();
        }
    }

    /** Claims new event ids; the answer says which were taken already. */
    public CompletableFuture<Inserted> claim(List<NewEvent> events, String holder, Instant now) {
        return events.isEmpty() ? CompletableFuture.completedFuture(new Inserted(Set.of(), Set.of(), null))
                : inserts.submit(new Insert(events, holder, now));
    }

    private List<Inserted> insertAll(List<Insert> requests) {
        List<Document> docs = new ArrayList<>();
        List<int[]> owner = new ArrayList<>(); // doc index -> {request, event}
        for (int r = 0; r < requests.size(); r++) {
            Insert insert = requests.get(r);
            for (int e = 0; e < insert.events().size(); e++) {
                NewEvent n = insert.events().get(e);
                docs.add(new Document("_id", n.eventId().toString())
                        .append("userId", n.userId())
                        .append("sessionId", n.sessionId().toString())
                        .append(CONTENT, n.digest())
                        .append("keyId", n.keyId())
                        .append("state", PENDING)
                        .append("holder", insert.holder())
                        .append("claimedAt", Date.from(insert.at()))
                        .append("expiresAt", Date.from(insert.at().plus(KEEP))));
                owner.add(new int[]{r, e});
            }
        }
        List<Set<UUID>> taken = new ArrayList<>();
        List<Set<UUID>> failed = new ArrayList<>();
        String[] failure = new String[requests.size()];
        requests.forEach(r -> {
            taken.add(new HashSet<>());
            failed.add(new HashSet<>());
        });
        try {
            events().insertMany(docs, new InsertManyOptions().ordered(false));
        } catch (MongoBulkWriteException e) {
            for (BulkWriteError error : e.getWriteErrors()) {
                int[] at = owner.get(error.getIndex());
                UUID id = requests.get(at[0]).events().get(at[1]).eventId();
                if (ErrorCategory.fromErrorCode(error.getCode()) == ErrorCategory.DUPLICATE_KEY) {
                    taken.get(at[0]).add(id);
                } else {
                    failed.get(at[0]).add(id);
                    failure[at[0]] = error.getMessage();
                }
            }
            if (e.getWriteConcernError() != null) {
                throw e; // nothing is known to be durable: every request of the tick fails and lets go
            }
        }
        List<Inserted> out = new ArrayList<>(requests.size());
        for (int r = 0; r < requests.size(); r++) {
            out.add(new Inserted(taken.get(r), failed.get(r), failure[r]));
        }
        return out;
    }

    /** Takes over a claim whose holder let go or whose lease ran out. */
    public boolean takeOver(Claim stale, String holder, Instant now) {
        var filter = Filters.and(Filters.eq("_id", stale.eventId().toString()), Filters.eq("state", PENDING),
                stale.holder() == null ? Filters.eq("holder", null) : Filters.eq("holder", stale.holder()));
        return events().updateOne(filter,
                Updates.combine(Updates.set("holder", holder), Updates.set("claimedAt", Date.from(now))))
                .getModifiedCount() == 1;
    }

    /**
     * Lets go of claims after a failure, so that a retry can take them at once. Rare, so
     * the holder is checked per id (an update filtered on more than {@code _id} would scan).
     */
    public void release(Collection<UUID> ids, String holder) {
        eachHeld(ids, holder, id -> new UpdateOneModel<>(Filters.eq("_id", id), Updates.set("holder", null)));
    }

    /**
     * Deletes the claims this holder still holds: a refused request's (403, 422), none of whose events was sent, so
     * that nothing of it stays — its ids are free again, for any content. Checked per id as {@link #release} does; no
     * one can take them over meanwhile (the holder's lease is live).
     */
    public void forget(Collection<UUID> ids, String holder) {
        eachHeld(ids, holder, id -> new com.mongodb.client.model.DeleteOneModel<>(Filters.eq("_id", id)));
    }

    /** One write per claim of {@code ids} that {@code holder} still holds, by {@code _id}, in one unordered bulk. */
    private void eachHeld(Collection<UUID> ids, String holder, java.util.function.Function<String, WriteModel<Document>> write) {
        if (ids.isEmpty()) {
            return;
        }
        List<WriteModel<Document>> writes = new ArrayList<>();
        for (Document doc : events().find(Filters.in("_id", ids.stream().map(UUID::toString).toList()))) {
            Claim claim = claim(doc);
            if (holder.equals(claim.holder()) && PENDING.equals(claim.state())) {
                writes.add(write.apply(claim.eventId().toString()));
            }
        }
        if (!writes.isEmpty()) {
            events().bulkWrite(writes, new BulkWriteOptions().ordered(false));
        }
    }

    private static Claim claim(Document doc) {
        Date at = doc.getDate("claimedAt");
        String digest = doc.getString(CONTENT);
        return new Claim(UUID.fromString(doc.getString("_id")), doc.getString("userId"),
                digest != null ? digest : doc.getString(PLAIN_CONTENT), digest != null,
                doc.getString("state"), doc.getString("holder"), at == null ? Instant.EPOCH : at.toInstant());
    }

    @PreDestroy
    void close() {
        reads.close();
        inserts.close();
    }
}
