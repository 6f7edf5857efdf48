package dev.sukha.session.store;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
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

    /** Claims a session's start for this event; returns the session as it now stands. */
    public SessionState claimStart(PracticeEvent start, SessionContext context) {
        Document doc = collections.get(Collections.SESSIONS).findOneAndUpdate(
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
                new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER));
        return state(doc);
    }

    /** Claims a session's end for this event; false when another end holds it. */
    public boolean claimEnd(PracticeEvent end) {
        String eventId = end.eventId().toString();
        return collections.get(Collections.SESSIONS).updateOne(
                Filters.and(Filters.eq("_id", end.sessionId().toString()),
                        Filters.or(Filters.eq("endEventId", null), Filters.eq("endEventId", eventId))),
                Updates.combine(Updates.set("endEventId", eventId), Updates.set("endType", end.type().name()),
                        Updates.set("endedAt", EventRecord.RFC_3339.format(end.occurredAt())))).getMatchedCount() == 1;
    }

    /** After the broker's ack: the session's start or end is recorded, and its event ids are listed. */
    public void recorded(UUID sessionId, List<UUID> eventIds, boolean startRecorded, boolean endRecorded) {
        var update = Updates.addEachToSet("eventIds", eventIds.stream().map(UUID::toString).toList());
        if (startRecorded) {
            update = Updates.combine(update, Updates.set("recorded", true));
        }
        if (endRecorded) {
            update = Updates.combine(update, Updates.set("endRecorded", true));
        }
        collections.get(Collections.SESSIONS).updateOne(Filters.eq("_id", sessionId.toString()), update);
    }

    private static SessionState state(Document doc) {
        String end = doc.getString("endEventId");
        return new SessionState(UUID.fromString(doc.getString("_id")), doc.getString("owner"),
                doc.getString("routineId"), doc.getInteger("routineVersion", 0), doc.getInteger("stepCount", 0),
                doc.getString("zone"), UUID.fromString(doc.getString("startEventId")),
                end == null ? null : UUID.fromString(end), doc.getBoolean("endRecorded", false));
    }
}
