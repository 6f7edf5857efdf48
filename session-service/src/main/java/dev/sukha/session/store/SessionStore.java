package dev.sukha.session.store;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import dev.sukha.platform.sealing.SealedValues;
import dev.sukha.session.config.SessionConfig;
import dev.sukha.session.domain.PracticeEvent;
import dev.sukha.session.domain.SessionContext;
import dev.sukha.session.domain.SessionState;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.bson.Document;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * Sessions as recorded, one document per session id. The start and the end are
 * claimed with conditional writes, so two requests cannot both start or both end
 * one session; a claim stays with its event id, so a retry of the same event passes.
 * Reads, claims and marks of concurrent requests go to the store together ({@link GroupCommit}).
 * <p>
 * What the person recorded — the routine version, zone and start of the session ({@code ctx}), and how and
 * when it ended ({@code end}) — is sealed under their key ({@link SealedValues}); in the clear stay what
 * the rules look up and compare: the owner, the key's id, the start's and the end's event ids, whether
 * each is recorded, and the ids of the session's recorded events. Documents written before sessions were
 * sealed keep those fields plain until the store migration seals them; both read.
 */
@ApplicationScoped
public class SessionStore {

    /** Always with seconds: {@code OffsetDateTime.toString()} drops ":00", which RFC 3339 does not allow. */
    private static final DateTimeFormatter RFC_3339 = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

    private final Store collections;
    private final GroupCommit<Collection<UUID>, Map<UUID, Stored>> reads;
    private final GroupCommit<Claims, Map<UUID, Stored>> claims;
    private final GroupCommit<List<Recorded>, Boolean> marks;

    public SessionStore(Store collections, MeterRegistry metrics, SessionConfig config) {
        this.collections = collections;
        this.reads = GroupCommit.of("sessions-read", this::readAll, config.store(), metrics);
        this.claims = GroupCommit.of("sessions-claim", this::claimAll, config.store(), metrics);
        this.marks = GroupCommit.of("sessions-mark", this::markAll, config.store(), metrics);
    }

    private MongoCollection<Document> sessions() {
        return collections.get(Store.SESSIONS);
    }

    /**
     * A session's document as the store holds it: whose it is can be read by anyone; the rest opens with
     * its owner's key.
     */
    public record Stored(Document doc) {
        public String owner() {
            return doc.getString("owner");
        }

        /**
         * The session as recorded, opened with its owner's stored-value sealer ({@code values}); for another
         * person's session (whose key is not at hand) only whose it is. Empty when it does not open: sealed
         * under a key erased since (its documents go with the erasure).
         */
        public Optional<SessionState> open(String reader, SealedValues values) {
            return owner().equals(reader) ? state(doc, values) : Optional.of(ownerOnly(doc));
        }
    }

    public CompletableFuture<Map<UUID, Stored>> find(Collection<UUID> ids) {
        return ids.isEmpty() ? CompletableFuture.completedFuture(Map.of()) : reads.submit(ids);
    }

    private Map<UUID, Stored> read(Collection<String> ids) {
        Map<UUID, Stored> found = new HashMap<>();
        for (Document doc : sessions().find(Filters.in("_id", ids))) {
            found.put(UUID.fromString(doc.getString("_id")), new Stored(doc));
        }
        return found;
    }

    private List<Map<UUID, Stored>> readAll(List<Collection<UUID>> requests) {
        Set<String> all = new LinkedHashSet<>();
        requests.forEach(ids -> ids.forEach(id -> all.add(id.toString())));
        return split(read(all), requests);
    }

    /** Each request's part of what was found. */
    private static List<Map<UUID, Stored>> split(Map<UUID, Stored> found, List<? extends Collection<UUID>> requests) {
        List<Map<UUID, Stored>> out = new ArrayList<>(requests.size());
        for (Collection<UUID> ids : requests) {
            Map<UUID, Stored> mine = new HashMap<>();
            ids.forEach(id -> {
                Stored s = found.get(id);
                if (s != null) {
                    mine.put(id, s);
                }
            });
            out.add(mine);
        }
        return out;
    }

    /** The document as it is, for {@code GET /v1/sessions/{id}}. */
    public Optional<Stored> document(UUID id) {
        return Optional.ofNullable(sessions().find(Filters.eq("_id", id.toString())).first()).map(Stored::new);
    }

    /** One request's starts (with the facts the session will have) and ends, and the person's key. */
    public record Claims(Map<PracticeEvent, SessionContext> starts, List<PracticeEvent> ends, String keyId, SealedValues values) {
        Set<UUID> ids() {
            Set<UUID> ids = new LinkedHashSet<>();
            starts.keySet().forEach(e -> ids.add(e.sessionId()));
            ends.forEach(e -> ids.add(e.sessionId()));
            return ids;
        }
    }

    /**
     * Claims the start of each new session and the end of each ending one, then reads back the
     * sessions it did not create itself: a start is the request's when the session's start event is its own,
     * an end when its end event is (a retry of the same event finds its own claim).
     */
    public CompletableFuture<Map<UUID, Stored>> claim(Map<PracticeEvent, SessionContext> starts, List<PracticeEvent> ends,
                                                      String keyId, SealedValues values) {
        return starts.isEmpty() && ends.isEmpty() ? CompletableFuture.completedFuture(Map.of())
                : claims.submit(new Claims(starts, ends, keyId, values));
    }

    private List<Map<UUID, Stored>> claimAll(List<Claims> requests) {
        List<WriteModel<Document>> starts = new ArrayList<>();
        // Each start's document as it is inserted when the session is new (the common case): then it need not be read back.
        List<Document> inserted = new ArrayList<>();
        // Each end, by its session, and its conditional update: needed unless the start's insert already carried it.
        Map<String, WriteModel<Document>> ends = new LinkedHashMap<>();
        Set<String> ids = new LinkedHashSet<>();
        for (Claims c : requests) {
            // Each end's fields (its event id, sealed once), by session: set by the conditional update, or by the start's insert.
            Map<UUID, Document> endOf = new HashMap<>();
            for (PracticeEvent end : c.ends()) {
                String eventId = end.eventId().toString();
                Document fields = new Document("endEventId", eventId).append(END, c.values().seal(place(end.sessionId(), END),
                        end.type().name() + "\t" + RFC_3339.format(end.occurredAt())));
                ids.add(end.sessionId().toString());
                endOf.put(end.sessionId(), fields);
                ends.put(end.sessionId().toString(), new UpdateOneModel<>(
                        Filters.and(Filters.eq("_id", end.sessionId().toString()),
                                Filters.or(Filters.eq("endEventId", null), Filters.eq("endEventId", eventId))),
                        Updates.combine(Updates.set("endEventId", eventId), Updates.set(END, fields.getString(END)))));
            }
            c.starts().forEach((start, context) -> {
                ids.add(start.sessionId().toString());
                Document doc = new Document("_id", start.sessionId().toString()).append("owner", context.userId())
                        // The person key its events are sealed with: an erasure deletes the sessions of every other key.
                        .append("keyId", c.keyId())
                        .append(CONTEXT, c.values().seal(place(start.sessionId(), CONTEXT), context(context, start.occurredAt())))
                        .append("startEventId", start.eventId().toString()).append("recorded", false);
                Document end = endOf.get(start.sessionId());
                if (end != null) {
                    // A session started and ended by one request: a new session's document carries its end from the start.
                    doc.putAll(end);
                }
                inserted.add(doc);
                List<org.bson.conversions.Bson> onInsert = new ArrayList<>();
                doc.forEach((field, value) -> {
                    if (!field.equals("_id")) {
                        onInsert.add(Updates.setOnInsert(field, value));
                    }
                });
                starts.add(new UpdateOneModel<>(Filters.eq("_id", start.sessionId().toString()), Updates.combine(onInsert),
                        new UpdateOptions().upsert(true)));
            });
        }
        // Starts before ends: a batch may start and end a session at once.
        Map<UUID, Stored> known = new HashMap<>();
        if (!starts.isEmpty()) {
            for (com.mongodb.bulk.BulkWriteUpsert u : sessions().bulkWrite(starts, new BulkWriteOptions().ordered(false)).getUpserts()) {
                // Inserted by this write: it is exactly what was written, its end too. A session that was there already
                // (a retry, a concurrent start) is read back to see whose start and end it holds.
                Document doc = inserted.get(u.getIndex());
                String id = doc.getString("_id");
                if (!ends.containsKey(id) || doc.containsKey("endEventId")) {
                    known.put(UUID.fromString(id), new Stored(doc));
                    ids.remove(id);
                    ends.remove(id);
                }
            }
        }
        if (!ends.isEmpty()) {
            sessions().bulkWrite(new ArrayList<>(ends.values()), new BulkWriteOptions().ordered(false));
        }
        if (!ids.isEmpty()) {
            known.putAll(read(ids));
        }
        return split(known, requests.stream().map(Claims::ids).toList());
    }

    /** After the broker's ack, per session: which event ids it has, and whether its start and end are recorded. */
    public record Recorded(UUID sessionId, List<UUID> eventIds, boolean start, boolean end) {
    }

    /** One update per session, in one unordered bulk keyed by {@code _id}. */
    public CompletableFuture<Boolean> recorded(List<Recorded> sessions) {
        return sessions.isEmpty() ? CompletableFuture.completedFuture(true) : marks.submit(sessions);
    }

    private List<Boolean> markAll(List<List<Recorded>> requests) {
        List<WriteModel<Document>> writes = new ArrayList<>();
        for (List<Recorded> sessions : requests) {
            for (Recorded r : sessions) {
                var update = Updates.addEachToSet("eventIds", r.eventIds().stream().map(UUID::toString).toList());
                if (r.start()) {
                    update = Updates.combine(update, Updates.set("recorded", true));
                }
                if (r.end()) {
                    update = Updates.combine(update, Updates.set("endRecorded", true));
                }
                writes.add(new UpdateOneModel<>(Filters.eq("_id", r.sessionId().toString()), update));
            }
        }
        sessions().bulkWrite(writes, new BulkWriteOptions().ordered(false));
        return requests.stream().map(r -> Boolean.TRUE).toList();
    }

    /** The sealed facts of a session's start: routine, version, step count, zone, start. */
    public static final String CONTEXT = "ctx";
    /** The sealed facts of its end: how (completed, abandoned) and when. */
    public static final String END = "end";

    /** Where a session's sealed value belongs: it opens there only. */
    static String place(UUID sessionId, String field) {
        return "session|" + sessionId + "|" + field;
    }

    static String context(SessionContext c, OffsetDateTime startedAt) {
        return String.join("\t", c.routineId(), String.valueOf(c.routineVersion()), String.valueOf(c.stepCount()), c.zone(),
                RFC_3339.format(startedAt));
    }

    /**
     * The updates that seal a session written before sessions were sealed: its plain context and end become
     * {@code ctx} and {@code end} under the owner's key, and the plain fields go.
     */
    public static List<org.bson.conversions.Bson> sealPlain(Document doc, SealedValues values) {
        UUID id = UUID.fromString(doc.getString("_id"));
        List<org.bson.conversions.Bson> updates = new ArrayList<>();
        updates.add(Updates.set(CONTEXT, values.seal(place(id, CONTEXT), String.join("\t", doc.getString("routineId"),
                String.valueOf(doc.getInteger("routineVersion", 0)), String.valueOf(doc.getInteger("stepCount", 0)),
                doc.getString("zone"), doc.getString("startedAt")))));
        if (doc.getString("endType") != null) {
            updates.add(Updates.set(END, values.seal(place(id, END), doc.getString("endType") + "\t" + doc.getString("endedAt"))));
        }
        for (String plain : List.of("routineId", "routineVersion", "stepCount", "zone", "startedAt", "endType", "endedAt")) {
            updates.add(Updates.unset(plain));
        }
        return updates;
    }

    private static Optional<SessionState> state(Document doc, SealedValues values) {
        String sessionId = doc.getString("_id");
        String routineId = doc.getString("routineId");
        int version = doc.getInteger("routineVersion", 0);
        int steps = doc.getInteger("stepCount", 0);
        String zone = doc.getString("zone");
        String startedAt = doc.getString("startedAt");
        String endType = doc.getString("endType");
        String endedAt = doc.getString("endedAt");
        try {
            String ctx = doc.getString(CONTEXT);
            if (ctx != null) {
                if (values == null) {
                    return Optional.empty();
                }
                String[] c = values.open(place(UUID.fromString(sessionId), CONTEXT), ctx).split("\t", -1);
                routineId = c[0];
                version = Integer.parseInt(c[1]);
                steps = Integer.parseInt(c[2]);
                zone = c[3];
                startedAt = c[4];
            }
            String end = doc.getString(END);
            if (end != null) {
                if (values == null) {
                    return Optional.empty();
                }
                String[] e = values.open(place(UUID.fromString(sessionId), END), end).split("\t", -1);
                endType = e[0];
                endedAt = e[1];
            }
        } catch (java.security.GeneralSecurityException e) {
            return Optional.empty(); // sealed under a key erased since: as good as gone
        }
        String endId = doc.getString("endEventId");
        return Optional.of(new SessionState(UUID.fromString(sessionId), doc.getString("owner"), routineId, version, steps, zone,
                startedAt == null ? null : OffsetDateTime.parse(startedAt), UUID.fromString(doc.getString("startEventId")),
                endId == null ? null : UUID.fromString(endId), endType, endedAt, doc.getBoolean("recorded", false),
                doc.getBoolean("endRecorded", false), doc.getList("eventIds", String.class, List.of())));
    }

    /** Another person's session: whose it is, and its start and end event ids (all a rule needs of it). */
    private static SessionState ownerOnly(Document doc) {
        String endId = doc.getString("endEventId");
        return new SessionState(UUID.fromString(doc.getString("_id")), doc.getString("owner"), null, 0, 0, null, null,
                UUID.fromString(doc.getString("startEventId")), endId == null ? null : UUID.fromString(endId), null, null,
                doc.getBoolean("recorded", false), doc.getBoolean("endRecorded", false),
                doc.getList("eventIds", String.class, List.of()));
    }

    @PreDestroy
    void close() {
        reads.close();
        claims.close();
        marks.close();
    }
}
