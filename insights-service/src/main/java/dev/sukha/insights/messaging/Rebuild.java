package dev.sukha.insights.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sukha.insights.store.PracticeStore;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Recomputes every projection from the start of {@code practice-events} into a fresh
 * collection while reads go on against the live one. From the moment it starts, the
 * live consumer writes to both (merges are idempotent, so overlap is harmless); the
 * rebuild reads up to the end offsets taken after that moment, then the fresh
 * collection becomes the live one.
 */
@ApplicationScoped
public class Rebuild {

    /** Progress, as {@code GET /v1/admin/rebuild} shows it. */
    public record Status(String state, String target, Instant startedAt, Instant finishedAt, long processed,
                         long total, long skipped, String error) {
        static Status idle() {
            return new Status("IDLE", null, null, null, 0, 0, 0, null);
        }
    }

    private final PracticeStore store;
    private final ObjectMapper json;
    private final String bootstrap;
    private final String topic;
    private final AtomicReference<Status> status = new AtomicReference<>(Status.idle());
    private volatile String rebuilding;

    public Rebuild(PracticeStore store, ObjectMapper json,
                   @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrap,
                   @ConfigProperty(name = "mp.messaging.incoming.practice-events-in.topic") String topic) {
        this.store = store;
        this.json = json;
        this.bootstrap = bootstrap;
        this.topic = topic;
    }

    public Status status() {
        return status.get();
    }

    /** Where the live consumer writes: the live collection, and the one being rebuilt if any. */
    public List<String> writeTargets(String live) {
        String target = rebuilding;
        return target == null || target.equals(live) ? List.of(live) : List.of(live, target);
    }

    /** Starts a rebuild unless one runs; returns the status either way. */
    public synchronized Status start() {
        if ("RUNNING".equals(status.get().state())) {
            return status.get();
        }
        String target = PracticeStore.COLLECTION + "_" + System.currentTimeMillis();
        rebuilding = target;
        status.set(new Status("RUNNING", target, Instant.now(), null, 0, 0, 0, null));
        Thread worker = new Thread(() -> run(target), "insights-rebuild");
        worker.setDaemon(true);
        worker.start();
        return status.get();
    }

    private void run(String target) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long total = partitions.stream().mapToLong(tp -> end.get(tp) - begin.get(tp)).sum();
            Status s = status.get();
            status.set(new Status("RUNNING", target, s.startedAt(), null, 0, total, 0, null));
            Log.infof("Rebuild into %s: %d records from %s", target, total, topic);
            long processed = 0;
            long skipped = 0;
            long nextLog = 0;
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                List<PracticeRecord> batch = new ArrayList<>();
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    if (r.offset() >= end.get(new TopicPartition(r.topic(), r.partition()))) {
                        continue;
                    }
                    processed++;
                    try {
                        batch.add(PracticeRecord.read(r.key(), r.value() == null ? null : json.readTree(r.value())));
                    } catch (Exception e) {
                        skipped++; // the live consumer has put it on the dead-letter topic already
                    }
                }
                store.apply(batch, List.of(target));
                status.set(new Status("RUNNING", target, s.startedAt(), null, processed, total, skipped, null));
                if (processed >= nextLog) {
                    Log.infof("Rebuild %s: %d of %d records (%d%%)", target, processed, total,
                            total == 0 ? 100 : processed * 100 / total);
                    nextLog = processed + Math.max(1000, total / 10);
                }
            }
            store.switchTo(target);
            rebuilding = null;
            status.set(new Status("DONE", target, s.startedAt(), Instant.now(), processed, total, skipped, null));
            Log.infof("Rebuild %s done: %d records, %d skipped; it is now the live projection", target, processed, skipped);
        } catch (RuntimeException e) {
            rebuilding = null;
            try {
                store.discard(target);
            } catch (RuntimeException ignored) {
                // the store may be why it failed: the collection is then left behind, never read
            }
            Status s = status.get();
            status.set(new Status("FAILED", target, s.startedAt(), Instant.now(), s.processed(), s.total(), s.skipped(),
                    e.getMessage()));
            Log.error("Rebuild failed; the live projection is unchanged", e);
        }
    }
}
