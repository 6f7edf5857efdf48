package dev.sukha.session.store;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.WriteModel;
import com.mongodb.client.model.Updates;
import dev.sukha.session.domain.RecordedEvent;
import jakarta.enterprise.context.ApplicationScoped;
import org.bson.Document;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The idempotency record of every event id. A request first claims the ids it will
 * send ({@code PENDING}, with its request id and a lease); only the claim holder puts
 * the event on Kafka, and marks it {@code RECORDED} after the broker's ack. A request
 * that fails releases its claims; a crashed one's lease runs out. So two concurrent
 * resends of one batch put each event on the topic once.
 */
@ApplicationScoped
public class EventClaims {

    public static final String PENDING = "PENDING";
    public static final String RECORDED = "RECORDED";

    private final Collections collections;

    public EventClaims(Collections collections) {
        this.collections = collections;
    }

    /** A claim's view of an event id held by someone. */
    public record Claim(UUID eventId, String userId, String fingerprint, String state, String holder, Instant claimedAt) {
        public RecordedEvent asRecorded() {
            return new RecordedEvent(eventId, userId, fingerprint);
        }
    }

    /** Events already known by id (recorded or claimed). */
    public Map<UUID, Claim> find(Collection<UUID> ids) {
        Map<UUID, Claim> found = new HashMap<>();
        if (ids.isEmpty()) {
            return found;
        }
        for (Document doc : collections.get(Collections.EVENTS)
                .find(Filters.in("_id", ids.stream().map(UUID::toString).toList()))) {
            Claim claim = claim(doc);
            found.put(claim.eventId(), claim);
        }
        return found;
    }

    /** A new event to claim: its id, owner, session and content fingerprint. */
    public record NewEvent(UUID eventId, String userId, UUID sessionId, String fingerprint) {
    }

    /** Inserts claims; returns the ids someone else holds already (to be resolved by the caller). */
    public Set<UUID> claim(List<NewEvent> events, String holder, Instant now) {
        Set<UUID> taken = new HashSet<>();
        if (events.isEmpty()) {
            return taken;
        }
        List<Document> docs = new ArrayList<>();
        for (NewEvent e : events) {
            docs.add(new Document("_id", e.eventId().toString())
                    .append("userId", e.userId())
                    .append("sessionId", e.sessionId().toString())
                    .append("fingerprint", e.fingerprint())
                    .append("state", PENDING)
                    .append("holder", holder)
                    .append("claimedAt", Date.from(now)));
        }
        try {
            collections.get(Collections.EVENTS).insertMany(docs, new InsertManyOptions().ordered(false));
        } catch (MongoBulkWriteException e) {
            for (var error : e.getWriteErrors()) {
                if (ErrorCategory.fromErrorCode(error.getCode()) != ErrorCategory.DUPLICATE_KEY) {
                    throw e;
                }
                taken.add(events.get(error.getIndex()).eventId());
            }
        }
        return taken;
    }

    /** Takes over a claim whose holder let go or whose lease ran out. */
    public boolean takeOver(Claim stale, String holder, Instant now) {
        var filter = Filters.and(Filters.eq("_id", stale.eventId().toString()), Filters.eq("state", PENDING),
                stale.holder() == null ? Filters.eq("holder", null) : Filters.eq("holder", stale.holder()));
        return collections.get(Collections.EVENTS).updateOne(filter,
                Updates.combine(Updates.set("holder", holder), Updates.set("claimedAt", Date.from(now))))
                .getModifiedCount() == 1;
    }

    public boolean expired(Claim claim, Instant now, Duration lease) {
        return claim.holder() == null || claim.claimedAt().plus(lease).isBefore(now);
    }

    /**
     * Marks events recorded after the broker acknowledged them. Keyed by {@code _id} alone:
     * an acknowledged event is recorded whoever holds its claim by now, and a filter on more
     * fields than {@code _id} makes the local store scan the whole collection per update.
     */
    public void markRecorded(Collection<UUID> ids, Instant now) {
        if (ids.isEmpty()) {
            return;
        }
        var update = Updates.combine(Updates.set("state", RECORDED), Updates.set("recordedAt", Date.from(now)),
                Updates.unset("holder"));
        List<WriteModel<Document>> writes = new ArrayList<>(ids.size());
        for (UUID id : ids) {
            writes.add(new UpdateOneModel<>(Filters.eq("_id", id.toString()), update));
        }
        collections.get(Collections.EVENTS).bulkWrite(writes, new BulkWriteOptions().ordered(false));
    }

    /**
     * Lets go of claims after a failure, so that a retry can take them at once. Rare, so
     * the holder is checked per id (an update filtered on more than {@code _id} would scan).
     */
    public void release(Collection<UUID> ids, String holder) {
        if (ids.isEmpty()) {
            return;
        }
        List<WriteModel<Document>> writes = new ArrayList<>();
        find(ids).forEach((id, claim) -> {
            if (holder.equals(claim.holder()) && PENDING.equals(claim.state())) {
                writes.add(new UpdateOneModel<>(Filters.eq("_id", id.toString()), Updates.set("holder", null)));
            }
        });
        if (!writes.isEmpty()) {
            collections.get(Collections.EVENTS).bulkWrite(writes, new BulkWriteOptions().ordered(false));
        }
    }

    private static Claim claim(Document doc) {
        Date at = doc.getDate("claimedAt");
        return new Claim(UUID.fromString(doc.getString("_id")), doc.getString("userId"), doc.getString("fingerprint"),
                doc.getString("state"), doc.getString("holder"), at == null ? Instant.EPOCH : at.toInstant());
    }
}
