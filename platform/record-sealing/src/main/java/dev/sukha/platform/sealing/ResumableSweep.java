package dev.sukha.platform.sealing;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoCursor;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * Goes once through the documents of some collections that still need work (a store migration: sealing
 * what was kept in the clear), in {@code _id} order and batches, while the service goes on serving:
 * <ul>
 * <li>resumable — after each batch the last {@code _id} done is kept in a progress document; a stopped
 * sweep (the instance died, was redeployed) goes on from there;</li>
 * <li>one instance at a time — the instance holding the lease works; a lease not renewed for
 * {@code lease} is taken over by another;</li>
 * <li>observable — documents to do (counted when it starts), done, and the state: {@link #status}.</li>
 * </ul>
 * Each batch's work must be idempotent and must not lose a concurrent writer's change: its documents
 * may be written again after a crash, and the service writes them meanwhile.
 */
public final class ResumableSweep {

    private static final Logger LOG = Logger.getLogger(ResumableSweep.class);
    public static final String RUNNING = "RUNNING";
    public static final String DONE = "DONE";
    static final int BATCH = 500;

    /** A collection to go through: the documents that need work, and the work for a batch of them (returns how many it changed). */
    public record Target(String name, MongoCollection<Document> collection, Bson needsWork, Function<List<Document>, Integer> work) {
    }

    /** Where it stands. */
    public record Status(String state, Instant startedAt, Instant finishedAt, long toDo, long done, long changed, String error) {
        public static Status notStarted() {
            return new Status("NOT_STARTED", null, null, 0, 0, 0, null);
        }
    }

    private final String id;
    private final MongoCollection<Document> progress;
    private final List<Target> targets;
    private final Duration lease;
    private final String instance = UUID.randomUUID().toString();
    private volatile Thread worker;
    private volatile Status last = Status.notStarted();

    /** @param progress the collection keeping the progress document ({@code _id = id}) */
    public ResumableSweep(String id, MongoCollection<Document> progress, List<Target> targets, Duration lease) {
        this.id = id;
        this.progress = progress;
        this.targets = targets;
        this.lease = lease;
    }

    /** The sweep as stored (any instance's), or as last known here when the store is away. */
    public Status status() {
        try {
            Document d = progress.find(Filters.eq("_id", id)).first();
            last = d == null ? Status.notStarted() : status(d);
        } catch (RuntimeException e) {
            // the store is away: what was last seen
        }
        return last;
    }

    private static Status status(Document d) {
        Date started = d.getDate("startedAt");
        Date finished = d.getDate("finishedAt");
        return new Status(d.getString("state"), started == null ? null : started.toInstant(),
                finished == null ? null : finished.toInstant(), count(d, "toDo"), count(d, "done"), count(d, "changed"),
                d.getString("error"));
    }

    private static long count(Document d, String name) {
        Number n = d.get(name, Number.class);
        return n == null ? 0 : n.longValue();
    }

    /** Starts the sweep, or resumes it, unless it is done or another instance holds it; returns where it stands. */
    public synchronized Status start() {
        Document doc = progress.find(Filters.eq("_id", id)).first();
        if (doc == null) {
            long toDo = 0;
            for (Target t : targets) {
                toDo += t.collection().countDocuments(t.needsWork());
            }
            doc = new Document("_id", id).append("state", RUNNING).append("startedAt", new Date()).append("toDo", toDo)
                    .append("done", 0L).append("changed", 0L).append("cursor", new Document());
            try {
                progress.insertOne(doc);
            } catch (MongoWriteException e) {
                doc = progress.find(Filters.eq("_id", id)).first(); // another instance began it first
            }
        }
        if (!DONE.equals(doc.getString("state")) && (worker == null || !worker.isAlive()) && takeLease()) {
            Thread t = new Thread(this::run, "sweep-" + id);
            t.setDaemon(true);
            worker = t;
            t.start();
        }
        return status();
    }

    /** Waits for this instance's work to end (tests, a migration that must finish before something else). */
    public void awaitDone(Duration atMost) throws InterruptedException {
        Thread t = worker;
        if (t != null) {
            t.join(atMost.toMillis());
        }
    }

    private boolean takeLease() {
        Date now = new Date();
        return progress.findOneAndUpdate(Filters.and(Filters.eq("_id", id), Filters.or(Filters.eq("owner", null),
                        Filters.eq("owner", instance), Filters.lt("heartbeat", new Date(now.getTime() - lease.toMillis())))),
                Updates.combine(Updates.set("owner", instance), Updates.set("heartbeat", now), Updates.unset("error")),
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER)) != null;
    }

    private void run() {
        try {
            for (Target target : targets) {
                sweep(target);
            }
            progress.updateOne(Filters.eq("_id", id), Updates.combine(Updates.set("state", DONE),
                    Updates.set("finishedAt", new Date()), Updates.unset("owner")));
            Status s = status();
            LOG.infof("%s done: %d documents gone through, %d changed", id, s.done(), s.changed());
        } catch (RuntimeException e) {
            LOG.errorf(e, "%s stopped; it resumes at the next start", id);
            try {
                progress.updateOne(Filters.eq("_id", id), Updates.combine(Updates.set("error", String.valueOf(e.getMessage())),
                        Updates.unset("owner")));
            } catch (RuntimeException ignored) {
                // the store is away: the lease runs out
            }
        } finally {
            worker = null;
        }
    }

    private void sweep(Target target) {
        Document doc = progress.find(Filters.eq("_id", id)).first();
        Object after = doc == null ? null : doc.get("cursor", new Document()).get(target.name());
        Bson filter = after == null ? target.needsWork() : Filters.and(Filters.gt("_id", after), target.needsWork());
        try (MongoCursor<Document> cursor = target.collection().find(filter).sort(Sorts.ascending("_id")).batchSize(BATCH).iterator()) {
            List<Document> batch = new ArrayList<>(BATCH);
            while (cursor.hasNext()) {
                batch.add(cursor.next());
                if (batch.size() == BATCH || !cursor.hasNext()) {
                    if (worker != Thread.currentThread()) {
                        throw new IllegalStateException("stopped");
                    }
                    int changed = target.work().apply(batch);
                    Object lastId = batch.get(batch.size() - 1).get("_id");
                    progress.updateOne(Filters.and(Filters.eq("_id", id), Filters.eq("owner", instance)), Updates.combine(
                            Updates.set("cursor." + target.name(), lastId), Updates.set("heartbeat", new Date()),
                            Updates.inc("done", (long) batch.size()), Updates.inc("changed", (long) changed)));
                    batch.clear();
                }
            }
        }
    }

    /** Stops this instance's work (at shutdown); another instance, or this one started again, resumes it. */
    public void stop() {
        worker = null;
    }
}
