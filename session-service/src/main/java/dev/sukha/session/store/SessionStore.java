package dev.sukha.session.store;

import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import dev.sukha.session.domain.PracticeEvent;
import dev.sukha.session.domain.SessionContext;
import dev.sukha.session.domain.SessionState;
import dev.sukha.session.messaging.EventRecord;
import jakarta.enterprise.context.ApplicationScoped;
import org.bson.Document;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Sessions as recorded, one document per session id. The start and the end are
 * claimed with conditional writes, so two requests cannot both start or both end
 * one session; a claim stays with its event id, so a retry of the same event passes.
 */
@ApplicationScoped
public class SessionStore {

    private final Collections collections;

    public SessionStore(Collections collections) {
        this.collections = collections;
    }

    public Map<UUID, SessionState> find(Collection<UUID> ids) {
        Map<UUID, SessionState> found = new HashMap<>();
        if (ids.isEmpty()) {
            return found;
        }
        for (Document doc : collections.get(Collections.SESSIONS)
                .find(Filters.in("_id", ids.stream().map(UUID::toString).toList()))) {
            SessionState state = state(doc);
            found.put(state.sessionId(), state);
        }
        return found;
    }

    public Optional<Document> document(UUID id) {
        return Optional.ofNullable(collections.get(Collections.SESSIONS).find(Filters.eq("_id", id.toString())).first());
    }

    /**
     * Claims, in two bulks keyed by {@code _id}, the start of each new session and the end
     * of each ending one, then reads the sessions back: a start is ours when the session's
     * start event is ours, an end when its end event is ours (a retry of the same event
     * finds its own claim).
     */
    public Map<UUID, SessionState> claim(Map<PracticeEvent, SessionContext> starts, List<PracticeEvent> ends) {
        List<WriteModel<Document>> startWrites = new java.util.ArrayList<>();
        starts.forEach((start, context) -> startWrites.add(new UpdateOneModel<>(
                Filters.eq("_id", start.sessionId().toString()),
                Updates.combine(
                        Updates.setOnInsert("owner", context.userId()),
                        Updates.setOnInsert("routineId", context.routineId()),
                        Updates.setOnInsert("routineVersion", context.routineVersion()),
                        Updates.setOnInsert("stepCount", context.stepCount()),
                        Updates.setOnInsert("zone", context.zone()),
                        Updates.setOnInsert("startEventId", start.eventId().toString()),
                        Updates.setOnInsert("startedAt", EventRecord.RFC_3339.format(start.occurredAt())),
                        Updates.setOnInsert("recorded", false)),
                new UpdateOptions().upsert(true))));
        if (!startWrites.isEmpty()) {
            collections.get(Collections.SESSIONS).bulkWrite(startWrites, new BulkWriteOptions().ordered(false));
        }
        List<WriteModel<Document>> endWrites = new java.util.ArrayList<>();
        for (PracticeEvent end : ends) {
            String eventId = end.eventId().toString();
            endWrites.add(new UpdateOneModel<>(
                    Filters.and(Filters.eq("_id", end.sessionId().toString()),
                            Filters.or(Filters.eq("endEventId", null), Filters.eq("endEventId", eventId))),
                    Updates.combine(Updates.set("endEventId", eventId), Updates.set("endType", end.type().name()),
                            Updates.set("endedAt", EventRecord.RFC_3339.format(end.occurredAt())))));
        }
        if (!endWrites.isEmpty()) {
            collections.get(Collections.SESSIONS).bulkWrite(endWrites, new BulkWriteOptions().ordered(false));
        }
        java.util.Set<UUID> ids = new java.util.HashSet<>();
        starts.keySet().forEach(e -> ids.add(e.sessionId()));
        ends.forEach(e -> ids.add(e.sessionId()));
        return find(ids);
    }

    /** After the broker's ack, per session: which event ids it has, and whether its start and end are recorded. */
    public record Recorded(UUID sessionId, List<UUID> eventIds, boolean start, boolean end) {
    }

    /** One update per session, in one unordered bulk keyed by {@code _id}. */
    public void recorded(List<Recorded> sessions) {
        if (sessions.isEmpty()) {
            return;
        }
        List<WriteModel<Document>> writes = new java.util.ArrayList<>(sessions.size());
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
        collections.get(Collections.SESSIONS).bulkWrite(writes, new BulkWriteOptions().ordered(false));
    }

    private static SessionState state(Document doc) {
        String end = doc.getString("endEventId");
        return new SessionState(UUID.fromString(doc.getString("_id")), doc.getString("owner"),
                doc.getString("routineId"), doc.getInteger("routineVersion", 0), doc.getInteger("stepCount", 0),
                doc.getString("zone"), UUID.fromString(doc.getString("startEventId")),
                end == null ? null : UUID.fromString(end), doc.getBoolean("endRecorded", false));
    }
}
