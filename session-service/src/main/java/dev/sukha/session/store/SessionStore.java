package dev.sukha.session.store;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
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
 */
@ApplicationScoped
public class SessionStore {

    /** Always with seconds: {@code OffsetDateTime.toString()} drops ":00", which RFC 3339 does not allow. */
    private static final DateTimeFormatter RFC_3339 = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

    private final Store collections;
    private final GroupCommit<Collection<UUID>, Map<UUID, SessionState>> reads;
    private final GroupCommit<Claims, Map<UUID, SessionState>> claims;
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

    public CompletableFuture<Map<UUID, SessionState>> find(Collection<UUID> ids) {
        return ids.isEmpty() ? CompletableFuture.completedFuture(Map.of()) : reads.submit(ids);
    }

    private Map<UUID, SessionState> read(Collection<String> ids) {
        Map<UUID, SessionState> found = new HashMap<>();
        for (Document doc : sessions().find(Filters.in("_id", ids))) {
            SessionState state = state(doc);
            found.put(state.sessionId(), state);
        }
        return found;
    }

    private List<Map<UUID, SessionState>> readAll(List<Collection<UUID>> requests) {
        Set<String> all = new LinkedHashSet<>();
        requests.forEach(ids -> ids.forEach(id -> all.add(id.toString())));
        return split(read(all), requests);
    }

    /** Each request's part of what was found. */
    private static List<Map<UUID, SessionState>> split(Map<UUID, SessionState> found, List<? extends Collection<UUID>> requests) {
        List<Map<UUID, SessionState>> out = new ArrayList<>(requests.size());
        for (Collection<UUID> ids : requests) {
            Map<UUID, SessionState> mine = new HashMap<>();
            ids.forEach(id -> {
                SessionState s = found.get(id);
                if (s != null) {
                    mine.put(id, s);
                }
            });
            out.add(mine);
        }
        return out;
    }

    /** The document as it is, for {@code GET /v1/sessions/{id}}. */
    public Optional<SessionState> document(UUID id) {
        return Optional.ofNullable(sessions().find(Filters.eq("_id", id.toString())).first()).map(SessionStore::state);
    }

    /** One request's starts (with the facts the session will have) and ends. */
    public record Claims(Map<PracticeEvent, SessionContext> starts, List<PracticeEvent> ends, String keyId) {
        Set<UUID> ids() {
            Set<UUID> ids = new LinkedHashSet<>();
            starts.keySet().forEach(e -> ids.add(e.sessionId()));
            ends.forEach(e -> ids.add(e.sessionId()));
            return ids;
        }
    }

    /**
     * Claims the start of each new session and the end of each ending one, then reads the
     * sessions back: a start is the request's when the session's start event is its own, an
     * end when its end event is (a retry of the same event finds its own claim).
     */
    public CompletableFuture<Map<UUID, SessionState>> claim(Map<PracticeEvent, SessionContext> starts, List<PracticeEvent> ends,
                                                            String keyId) {
        return starts.isEmpty() && ends.isEmpty() ? CompletableFuture.completedFuture(Map.of())
                : claims.submit(new Claims(starts, ends, keyId));
    }

    private List<Map<UUID, SessionState>> claimAll(List<Claims> requests) {
        List<WriteModel<Document>> starts = new ArrayList<>();
        List<WriteModel<Document>> ends = new ArrayList<>();
        Set<String> ids = new LinkedHashSet<>();
        for (Claims c : requests) {
            c.starts().forEach((start, context) -> {
                ids.add(start.sessionId().toString());
                starts.add(new UpdateOneModel<>(Filters.eq("_id", start.sessionId().toString()),
                        Updates.combine(
                                Updates.setOnInsert("owner", context.userId()),
                                // The person key its events are sealed with: an erasure deletes the sessions of every other key.
                                Updates.setOnInsert("keyId", c.keyId()),
                                Updates.setOnInsert("routineId", context.routineId()),
                                Updates.setOnInsert("routineVersion", context.routineVersion()),
                                Updates.setOnInsert("stepCount", context.stepCount()),
                                Updates.setOnInsert("zone", context.zone()),
                                Updates.setOnInsert("startEventId", start.eventId().toString()),
                                Updates.setOnInsert("startedAt", RFC_3339.format(start.occurredAt())),
                                Updates.setOnInsert("recorded", false)),
                        new UpdateOptions().upsert(true)));
            });
            for (PracticeEvent end : c.ends()) {
                String eventId = end.eventId().toString();
                ids.add(end.sessionId().toString());
                ends.add(new UpdateOneModel<>(
                        Filters.and(Filters.eq("_id", end.sessionId().toString()),
                                Filters.or(Filters.eq("endEventId", null), Filters.eq("endEventId", eventId))),
                        Updates.combine(Updates.set("endEventId", eventId), Updates.set("endType", end.type().name()),
                                Updates.set("endedAt", RFC_3339.format(end.occurredAt())))));
            }
        }
        // Starts before ends: a batch may start and end a session at once.
        if (!starts.isEmpty()) {
            sessions().bulkWrite(starts, new BulkWriteOptions().ordered(false));
        }
        if (!ends.isEmpty()) {
            sessions().bulkWrite(ends, new BulkWriteOptions().ordered(false));
        }
        return split(read(ids), requests.stream().map(Claims::ids).toList());
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

    private static SessionState state(Document doc) {
        String end = doc.getString("endEventId");
        String startedAt = doc.getString("startedAt");
        return new SessionState(UUID.fromString(doc.getString("_id")), doc.getString("owner"),
                doc.getString("routineId"), doc.getInteger("routineVersion", 0), doc.getInteger("stepCount", 0),
                doc.getString("zone"), startedAt == null ? null : OffsetDateTime.parse(startedAt),
                UUID.fromString(doc.getString("startEventId")), end == null ? null : UUID.fromString(end),
                doc.getString("endType"), doc.getString("endedAt"), doc.getBoolean("recorded", false),
                doc.getBoolean("endRecorded", false), doc.getList("eventIds", String.class, List.of()));
    }

    @PreDestroy
    void close() {
        reads.close();
        claims.close();
        marks.close();
    }
}
