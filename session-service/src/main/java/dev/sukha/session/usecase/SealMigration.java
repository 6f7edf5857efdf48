package dev.sukha.session.usecase;

import dev.sukha.platform.kafka.KafkaClients;
import dev.sukha.platform.sealing.PersonKeyVault;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import dev.sukha.session.keys.PersonKeys;
import dev.sukha.session.store.Store;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The one-time migration that leaves no plain copy of anyone's pain on the topics: every record
 * below the end offsets of the moment it starts (on {@code practice-events} and its dead-letter
 * topic) is written again after them — a plain record (schema 1) sealed with its person's key, a
 * sealed one as it is — and then everything below those offsets is deleted
 * ({@code deleteRecords}). Consumers take the copies as the duplicates they are (merges are
 * idempotent and order-independent). A plain record of a person erased before is not copied:
 * it is theirs no more. Records that are not events at all (poison, already dead-lettered) are
 * not copied either: whatever they hold goes with the deletion.
 * <p>
 * Resumable: the boundary and each partition's progress are kept in {@code migrations} after
 * every batch; a stopped migration goes on from there when started again (on any instance: the
 * one holding the lease works, a lease not renewed for a minute is taken over). Copying again
 * what was copied before a crash only makes more duplicates.
 */
@ApplicationScoped
public class SealMigration {

    static final String ID = "seal-records";
    static final Duration LEASE = Duration.ofSeconds(60);
    public static final String RUNNING = "RUNNING";
    public static final String DONE = "DONE";

    /** Where the migration stands. */
    public record Status(String state, Instant startedAt, Instant finishedAt, long read, long sealed, long copied,
                         long dropped, String error) {
    }

    private final Store store;
    private final PersonKeys keys;
    private final ObjectMapper json;
    private final KafkaClients kafka;
    private final List<String> topics;
    private final String instance = UUID.randomUUID().toString();
    private volatile Thread worker;

    public SealMigration(Store store, PersonKeys keys, ObjectMapper json,
                         KafkaClients kafka,
                         @ConfigProperty(name = "mp.messaging.outgoing.practice-events-out.topic") String topic,
                         @ConfigProperty(name = "sukha.migration.dead-letter-topic", defaultValue = "practice-events-dlq") String deadLetters) {
        this.store = store;
        this.keys = keys;
        this.json = json;
        this.kafka = kafka;
        this.topics = List.of(topic, deadLetters);
    }

    private MongoCollection<Document> migrations() {
        return store.get("migrations");
    }

    public Optional<Status> status() {
        return Optional.ofNullable(migrations().find(Filters.eq("_id", ID)).first()).map(SealMigration::status);
    }

    private static Status status(Document d) {
        Date started = d.getDate("startedAt");
        Date finished = d.getDate("finishedAt");
        return new Status(d.getString("state"), started == null ? null : started.toInstant(),
                finished == null ? null : finished.toInstant(), count(d, "read"), count(d, "sealed"), count(d, "copied"),
                count(d, "dropped"), d.getString("error"));
    }

    private static long count(Document d, String name) {
        Number n = d.get(name, Number.class);
        return n == null ? 0 : n.longValue();
    }

    /** Starts the migration, or resumes it; a finished one stays finished. */
    public synchronized Status start() {
        Document doc = migrations().find(Filters.eq("_id", ID)).first();
        if (doc == null) {
            doc = plan();
            try {
                migrations().insertOne(doc);
            } catch (com.mongodb.MongoWriteException e) {
                doc = migrations().find(Filters.eq("_id", ID)).first(); // another instance planned it first
            }
        }
        if (!DONE.equals(doc.getString("state")) && (worker == null || !worker.isAlive()) && takeLease()) {
            worker = new Thread(this::run, "seal-migration");
            worker.setDaemon(true);
            worker.start();
        }
        return status().orElseThrow();
    }

    /** The boundary: each partition's end offset now; below it, everything is copied and then deleted. */
    private Document plan() {
        Document partitions = new Document();
        try (KafkaConsumer<String, String> consumer = consumer()) {
            for (String topic : topics) {
                List<TopicPartition> tps = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                        .map(p -> new TopicPartition(topic, p.partition())).toList();
                Map<TopicPartition, Long> begin = consumer.beginningOffsets(tps);
                Map<TopicPartition, Long> end = consumer.endOffsets(tps);
                for (TopicPartition tp : tps) {
                    partitions.append(key(tp), new Document("end", end.get(tp)).append("next", begin.get(tp)));
                }
            }
        }
        return new Document("_id", ID).append("state", RUNNING).append("startedAt", new Date()).append("partitions", partitions)
                .append("read", 0L).append("sealed", 0L).append("copied", 0L).append("dropped", 0L);
    }

    /** How a partition is named in the stored plan ({@code topic:partition}), and back. */
    private static String key(TopicPartition tp) {
        return tp.topic() + ":" + tp.partition();
    }

    private static TopicPartition partition(String key) {
        int colon = key.lastIndexOf(':');
        return new TopicPartition(key.substring(0, colon), Integer.parseInt(key.substring(colon + 1)));
    }

    private boolean takeLease() {
        Date now = new Date();
        Document taken = migrations().findOneAndUpdate(Filters.and(Filters.eq("_id", ID), Filters.or(
                        Filters.eq("owner", null), Filters.eq("owner", instance),
                        Filters.lt("heartbeat", new Date(now.getTime() - LEASE.toMillis())))),
                Updates.combine(Updates.set("owner", instance), Updates.set("heartbeat", now), Updates.unset("error")),
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
        return taken != null;
    }

    private void run() {
        try {
            Document doc = migrations().find(Filters.eq("_id", ID)).first();
            Document partitions = doc.get("partitions", Document.class);
            try (KafkaConsumer<String, String> consumer = consumer(); KafkaProducer<String, String> producer = producer()) {
                for (String name : partitions.keySet()) {
                    Document p = partitions.get(name, Document.class);
                    copy(consumer, producer, partition(name), p.get("next", Number.class).longValue(), p.get("end", Number.class).longValue());
                }
            }
            deleteBelowBoundary(partitions);
            migrations().updateOne(Filters.eq("_id", ID), Updates.combine(Updates.set("state", DONE),
                    Updates.set("finishedAt", new Date()), Updates.unset("owner")));
            Status s = status().orElseThrow();
            Log.infof("Sealing migration done: %d records read, %d sealed, %d copied as they were, %d not copied "
                    + "(erased people's, or not events); every plain copy below the boundary is deleted", s.read(), s.sealed(),
                    s.copied(), s.dropped());
        } catch (Exception e) {
            Log.errorf(e, "Sealing migration stopped; start it again to resume");
            migrations().updateOne(Filters.eq("_id", ID), Updates.combine(Updates.set("error", String.valueOf(e.getMessage())),
                    Updates.unset("owner")));
        }
    }

    private void copy(KafkaConsumer<String, String> consumer, KafkaProducer<String, String> producer, TopicPartition tp,
                      long from, long end) throws Exception {
        consumer.assign(List.of(tp));
        consumer.seek(tp, from);
        long position = from;
        while (position < end) {
            if (worker != Thread.currentThread()) {
                throw new IllegalStateException("stopped");
            }
            List<ConsumerRecord<String, String>> batch = new ArrayList<>();
            for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                if (r.offset() < end) {
                    batch.add(r);
                }
            }
            if (batch.isEmpty()) {
                position = Math.max(position, consumer.position(tp));
                continue;
            }
            long[] counts = copyBatch(producer, batch);
            producer.flush();
            position = batch.get(batch.size() - 1).offset() + 1;
            Date now = new Date();
            migrations().updateOne(Filters.and(Filters.eq("_id", ID), Filters.eq("owner", instance)), Updates.combine(
                    Updates.set("partitions." + key(tp) + ".next", position), Updates.set("heartbeat", now),
                    Updates.inc("read", (long) batch.size()), Updates.inc("sealed", counts[0]), Updates.inc("copied", counts[1]),
                    Updates.inc("dropped", counts[2])));
        }
    }

    /** Writes the batch's copies and waits for every acknowledgement: {sealed, copied as is, dropped}. */
    private long[] copyBatch(KafkaProducer<String, String> producer, List<ConsumerRecord<String, String>> batch) throws Exception {
        List<JsonNode> values = new ArrayList<>(batch.size());
        java.util.Set<String> plainOf = new java.util.HashSet<>();
        for (ConsumerRecord<String, String> r : batch) {
            JsonNode v = parse(r.value());
            values.add(v);
            if (v != null && v.path("schemaVersion").asInt() == 1 && r.key() != null && r.key().equals(v.path("userId").asText())) {
                plainOf.add(r.key());
            }
        }
        // Erased people's plain records are not copied, and no key is made for them.
        java.util.Set<String> erased = plainOf.isEmpty() ? java.util.Set.of() : keys.erasedAmong(plainOf);
        Map<String, CompletableFuture<PersonKeyVault.Live>> people = new LinkedHashMap<>();
        for (String user : plainOf) {
            if (!erased.contains(user)) {
                people.put(user, keys.forUser(user)); // one store command for the batch's people
            }
        }
        long sealed = 0;
        long copied = 0;
        long dropped = 0;
        List<Future<?>> acks = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            ConsumerRecord<String, String> r = batch.get(i);
            JsonNode v = values.get(i);
            String value = null;
            int schema = v == null ? -1 : v.path("schemaVersion").asInt();
            if (schema == 2) {
                value = r.value();
                copied++;
            } else if (schema == 1 && people.containsKey(r.key())) {
                PersonKeyVault.Live key = keyOf(people.get(r.key()));
                if (key != null && !key.erasedBefore()) {
                    value = json.writeValueAsString(key.seal(v.path("eventId").asText(),
                            r.value().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
                    sealed++;
                }
            }
            if (value == null) {
                dropped++;
                continue;
            }
            acks.add(producer.send(new ProducerRecord<>(r.topic(), null, r.key(), value, r.headers())));
        }
        for (Future<?> ack : acks) {
            ack.get(60, TimeUnit.SECONDS);
        }
        return new long[]{sealed, copied, dropped};
    }

    private static PersonKeyVault.Live keyOf(CompletableFuture<PersonKeyVault.Live> lookup) throws Exception {
        try {
            return lookup.get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof PersonKeyVault.Erasing) {
                return null; // being erased: their plain records are not copied
            }
            throw e;
        }
    }

    private JsonNode parse(String value) {
        try {
            JsonNode node = value == null ? null : json.readTree(value);
            return node != null && node.isObject() ? node : null;
        } catch (Exception e) {
            return null;
        }
    }

    private void deleteBelowBoundary(Document partitions) throws Exception {
        Map<TopicPartition, RecordsToDelete> below = new HashMap<>();
        for (String name : partitions.keySet()) {
            long end = partitions.get(name, Document.class).get("end", Number.class).longValue();
            below.put(partition(name), RecordsToDelete.beforeOffset(end));
        }
        try (Admin admin = kafka.admin("session-service-seal-migration")) {
            admin.deleteRecords(below).all().get(60, TimeUnit.SECONDS);
        }
    }

    private KafkaConsumer<String, String> consumer() {
        return kafka.consumer("session-service-seal-migration", Map.of(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"));
    }

    private KafkaProducer<String, String> producer() {
        return kafka.producer("session-service-seal-migration", Map.of(ProducerConfig.LINGER_MS_CONFIG, "20"));
    }

    void stop(@Observes ShutdownEvent event) {
        Thread w = worker;
        worker = null;
        if (w != null) {
            w.interrupt();
        }
    }
}
