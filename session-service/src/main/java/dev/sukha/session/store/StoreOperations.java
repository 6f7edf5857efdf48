package dev.sukha.session.store;

import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import com.mongodb.event.CommandSucceededEvent;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonValue;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the store was asked to do, counted from the driver's own command events, per collection: documents read,
 * asked for by id, inserted, updated and deleted (from each reply: a cursor's batch, {@code n}, {@code nModified},
 * {@code upserted}), commands, and the bytes of write commands. Measured this way, the cost of a write path does not depend on the store under it: an operation per
 * event is one on the local store and one oplog entry replicated to every secondary on a production replica set.
 * {@code ./run bench} reads them per event ({@code sukha_store_documents_total}, {@code sukha_store_commands_total});
 * {@code IngestOperationsTest} pins them.
 * <p>
 * Quarkus registers every {@link CommandListener} it finds with the client; the counts are static because it makes the
 * listener itself, and {@link Meters} shows them.
 */
public class StoreOperations implements CommandListener {

    /**
     * READ: documents a read returned; LOOKED_UP: documents a read asked for by {@code _id} (found or not: a claim's
     * lookup of a new event finds nothing, and still costs an index probe); the writes as the store reports them.
     */
    public enum Op { READ, LOOKED_UP, INSERTED, UPDATED, DELETED, COMMANDS, BYTES_WRITTEN }

    private static final java.util.Set<String> WRITES = java.util.Set.of("insert", "update", "delete", "findAndModify");

    private static final Map<String, LongAdder> COUNTS = new ConcurrentHashMap<>();

    private static final Map<Integer, String> COLLECTION_OF_REQUEST = new ConcurrentHashMap<>();
    /**
     * Documents each insert sent, by request: a duplicate key is not an insert. MongoDB's {@code n} counts only what it
     * inserted; the local store's counts every document sent, its write errors too: inserted is the lesser of {@code n}
     * and what was sent without an error.
     */
    private static final Map<Integer, Integer> INSERTS_SENT = new ConcurrentHashMap<>();

    /** Where the counts are shown, once the application has started. */
    private static volatile Meters meters;

    static LongAdder counter(String collection, Op op) {
        LongAdder a = COUNTS.get(collection + "\t" + op.name());
        if (a == null) {
            a = COUNTS.computeIfAbsent(collection + "\t" + op.name(), k -> new LongAdder());
            Meters m = meters;
            if (m != null) {
                m.show(); // a collection met for the first time (rare): shown from now on
            }
        }
        return a;
    }

    /** How many of {@code op} on {@code collection} so far. */
    public static long count(String collection, Op op) {
        LongAdder a = COUNTS.get(collection + "\t" + op.name());
        return a == null ? 0 : a.sum();
    }

    @Override
    public void commandStarted(CommandStartedEvent event) {
        BsonValue target = event.getCommand().get(event.getCommandName());
        // getMore names its cursor, not its collection: "collection" does.
        if (event.getCommandName().equals("getMore")) {
            target = event.getCommand().get("collection");
        }
        if (target != null && target.isString()) {
            String collection = event.getDatabaseName() + "." + target.asString().getValue();
            COLLECTION_OF_REQUEST.put(event.getRequestId(), collection);
            if (event.getCommandName().equals("find")) {
                add(collection, Op.LOOKED_UP, idsAskedFor(event.getCommand().getDocument("filter", new BsonDocument())));
            } else if (WRITES.contains(event.getCommandName())) {
                add(collection, Op.BYTES_WRITTEN, CommandBytes.of(event.getCommand()));
                if (event.getCommandName().equals("insert") && event.getCommand().isArray("documents")) {
                    INSERTS_SENT.put(event.getRequestId(), event.getCommand().getArray("documents").size());
                }
            }
        }
    }

    @Override
    public void commandSucceeded(CommandSucceededEvent event) {
        String collection = COLLECTION_OF_REQUEST.remove(event.getRequestId());
        if (collection == null) {
            return; // not about a collection (hello, ping, listCollections...)
        }
        counter(collection, Op.COMMANDS).increment();
        BsonDocument reply = event.getResponse();
        switch (event.getCommandName()) {
            case "find", "aggregate" -> add(collection, Op.READ, batch(reply, "firstBatch"));
            case "getMore" -> add(collection, Op.READ, batch(reply, "nextBatch"));
            case "insert" -> {
                Integer sentOrNull = INSERTS_SENT.remove(event.getRequestId());
                long sent = sentOrNull == null ? Long.MAX_VALUE : sentOrNull;
                int refused = reply.containsKey("writeErrors") ? reply.getArray("writeErrors").size() : 0;
                add(collection, Op.INSERTED, Math.min(number(reply, "n"), sent - refused));
            }
            case "delete" -> add(collection, Op.DELETED, number(reply, "n"));
            case "update" -> {
                int upserted = reply.containsKey("upserted") ? reply.getArray("upserted").size() : 0;
                add(collection, Op.INSERTED, upserted);
                add(collection, Op.UPDATED, number(reply, "nModified"));
            }
            case "findAndModify" -> {
                BsonDocument last = reply.getDocument("lastErrorObject", new BsonDocument());
                boolean existing = last.getBoolean("updatedExisting", org.bson.BsonBoolean.FALSE).getValue();
                long n = number(last, "n");
                add(collection, Op.READ, reply.isDocument("value") ? 1 : 0);
                add(collection, existing ? Op.UPDATED : Op.INSERTED, n);
            }
            default -> {
                // count, createIndexes...: a command, no documents
            }
        }
    }

    @Override
    public void commandFailed(com.mongodb.event.CommandFailedEvent event) {
        COLLECTION_OF_REQUEST.remove(event.getRequestId());
        INSERTS_SENT.remove(event.getRequestId());
    }

    private static void add(String collection, Op op, long n) {
        if (n > 0) {
            counter(collection, op).add(n);
        }
    }

    /** {@code _id: x} asks for one, {@code _id: {$in: [...]}} for each; other filters are not lookups by id. */
    private static long idsAskedFor(BsonDocument filter) {
        BsonValue id = filter.get("_id");
        if (id == null) {
            return 0;
        }
        if (id.isDocument() && id.asDocument().containsKey("$in")) {
            return id.asDocument().getArray("$in").size();
        }
        return id.isDocument() ? 0 : 1;
    }

    private static long batch(BsonDocument reply, String name) {
        BsonDocument cursor = reply.getDocument("cursor", null);
        BsonArray batch = cursor == null ? null : cursor.getArray(name, null);
        return batch == null ? 0 : batch.size();
    }

    private static long number(BsonDocument reply, String name) {
        BsonValue v = reply.get(name);
        return v != null && v.isNumber() ? v.asNumber().longValue() : 0;
    }

    /** The counts on /q/metrics, per collection and what was done. */
    @ApplicationScoped
    public static class Meters {
        private final MeterRegistry registry;
        private final java.util.Set<String> shown = ConcurrentHashMap.newKeySet();

        public Meters(MeterRegistry registry) {
            this.registry = registry;
        }

        void start(@Observes StartupEvent e) {
            meters = this;
            show();
        }

        synchronized void show() {
            COUNTS.forEach((key, adder) -> {
                if (shown.add(key)) {
                    String[] k = key.split("\t");
                    Op op = Op.valueOf(k[1]);
                    if (op == Op.COMMANDS) {
                        FunctionCounter.builder("sukha.store.commands", adder, LongAdder::doubleValue).tag("collection", k[0])
                                .description("Store commands sent, by collection").register(registry);
                    } else if (op == Op.BYTES_WRITTEN) {
                        FunctionCounter.builder("sukha.store.written", adder, LongAdder::doubleValue).tag("collection", k[0])
                                .baseUnit("bytes").description("Bytes of write commands sent (BSON), by collection").register(registry);
                    } else {
                        FunctionCounter.builder("sukha.store.documents", adder, LongAdder::doubleValue).tag("collection", k[0])
                                .tag("op", op.name().toLowerCase()).description("Documents the store read or wrote, by collection")
                                .register(registry);
                    }
                }
            });
        }
    }
}
