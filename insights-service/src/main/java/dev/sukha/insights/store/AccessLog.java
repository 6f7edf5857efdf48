package dev.sukha.insights.store;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import jakarta.enterprise.context.ApplicationScoped;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

/**
 * Who looked at a person's data: one document per operator read or action, in a database of its own
 * ({@code sukha-access.access_log}), only ever inserted — nothing in the API changes or deletes one, and the
 * service's role there grants no update — except at erasure, when the person's records go and only the fact
 * and date of their erasure stay. No health data: who, whose, which route (its template), when, the trace.
 * <p>
 * Found by {@code _id}, newest first: {@code a|{user}|{time, 13 digits}|{record id}} — a person's records are a
 * range of the one index every store has. Actions on everyone (a rebuild) are kept once, under {@code *}.
 */
@ApplicationScoped
public class AccessLog {

    public static final String COLLECTION = "access_log";
    /** The person of an action on everyone's data. */
    public static final String EVERYONE = "*";
    /** The route of an erasure's own record: the fact and date of it, nothing else. */
    public static final String ERASURE = "erasure";

    /** One record. {@code id} pages on ({@code before}). */
    public record Entry(String id, String user, String operator, String route, Instant at, String traceId) {
    }

    private final MongoCollection<Document> log;

    public AccessLog(com.mongodb.client.MongoClient client, dev.sukha.insights.config.InsightsConfig config) {
        this.log = client.getDatabase(config.accessLog().database()).getCollection(COLLECTION);
    }

    private MongoCollection<Document> log() {
        return log;
    }

    static String prefix(String user) {
        return "a|" + ProjectionIds.escape(user) + "|";
    }

    static String id(String user, Instant at, String recordId) {
        return prefix(user) + String.format("%013d", at.toEpochMilli()) + "|" + recordId;
    }

    /** The id of a person's record at a page cursor ({@code [time, record id]}): a page goes on below it. */
    public String idOf(String user, String[] cursor) {
        return prefix(user) + cursor[0] + "|" + cursor[1];
    }

    /** Records a look; the same record id twice is kept once (a record delivered again). */
    public void add(String recordId, String user, String operator, String route, Instant at, String traceId) {
        Document doc = new Document("_id", id(user, at, recordId)).append("u", user).append("route", route)
                .append("at", Date.from(at));
        if (operator != null) {
            doc.append("op", operator);
        }
        if (traceId != null) {
            doc.append("trace", traceId);
        }
        try {
            log().insertOne(doc);
        } catch (MongoWriteException e) {
            if (ErrorCategory.fromErrorCode(e.getCode()) != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
        }
    }

    /**
     * Up to {@code limit} records of the person, newest first, below {@code before} (a record's id, {@link #idOf};
     * null: from the newest), not older than {@code since} (null: all).
     */
    public List<Entry> page(String user, String before, Instant since, int limit) {
        String prefix = prefix(user);
        Bson range = Filters.and(Filters.gte("_id", since == null ? prefix : id(user, since, "")),
                Filters.lt("_id", before != null ? before : prefix + "~"));
        List<Entry> out = new ArrayList<>();
        for (Document d : log().find(range).sort(Sorts.descending("_id")).limit(limit)) {
            out.add(new Entry(d.getString("_id"), d.getString("u"), d.getString("op"), d.getString("route"),
                    d.getDate("at").toInstant(), d.getString("trace")));
        }
        return out;
    }

    /** The person's records go; one record of the erasure itself stays (when, and nothing else). */
    public long erase(String user, String erasureId, Instant at) {
        String prefix = prefix(user);
        long deleted = log().deleteMany(Filters.and(Filters.gte("_id", prefix), Filters.lt("_id", prefix + "~"),
                Filters.ne("route", ERASURE))).getDeletedCount();
        add(erasureId, user, null, ERASURE, at, null);
        return deleted;
    }
}
