package dev.sukha.platform.kafka;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.bson.Document;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reads a topic from offsets kept in the service's own store, not in a consumer group: so the offsets
 * travel with the store's backups. A store restored from a backup reads again everything the topic
 * received since that backup was taken — what a ledger (the erasures) needs: nothing recorded after the
 * backup is forgotten by the restored store. Each record is handled before the offsets past it are
 * stored, so a record may be handled twice (after a crash), never skipped; handlers are idempotent.
 * <p>
 * A stored offset below what the topic still holds (its retention deleted records a restored store never
 * saw) is reported ({@link #gap}): the caller decides what that means.
 */
public final class StoredOffsetsReader implements AutoCloseable {

    private final KafkaConsumer<String, String> consumer;
    private final MongoCollection<Document> offsets;
    private final String id;
    private final List<TopicPartition> partitions;
    private volatile boolean gap;

    /**
     * @param offsets the collection keeping them, under {@code _id = id}: {@code {_id, p: {"0": next offset, ...}}}
     */
    public StoredOffsetsReader(KafkaConsumer<String, String> consumer, String topic, MongoCollection<Document> offsets, String id) {
        this.consumer = consumer;
        this.offsets = offsets;
        this.id = id;
        this.partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        Document stored = offsets.find(Filters.eq("_id", id)).first();
        Document byPartition = stored == null ? new Document() : stored.get("p", new Document());
        Map<TopicPartition, Long> beginnings = consumer.beginningOffsets(partitions);
        for (TopicPartition tp : partitions) {
            Object next = byPartition.get(Integer.toString(tp.partition()));
            long from = next instanceof Number n ? n.longValue() : 0L;
            if (from < beginnings.get(tp) && next != null) {
                gap = true;
            }
            consumer.seek(tp, Math.max(from, beginnings.get(tp)));
        }
    }

    /** True when the store's offsets were older than what the topic still holds: records it never saw are gone. */
    public boolean gap() {
        return gap;
    }

    /**
     * Reads from where it is to the end the topic has now, handing each record to {@code handler} and storing
     * the offsets after each poll; returns how many records were handled.
     */
    public long readToEnd(Consumer<ConsumerRecord<String, String>> handler) {
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
        long handled = 0;
        while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
            for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                handler.accept(r);
                handled++;
            }
            store();
        }
        return handled;
    }

    private void store() {
        Map<String, Object> next = new HashMap<>();
        partitions.forEach(tp -> next.put(Integer.toString(tp.partition()), consumer.position(tp)));
        offsets.replaceOne(Filters.eq("_id", id), new Document("_id", id).append("p", new Document(next)),
                new ReplaceOptions().upsert(true));
    }

    @Override
    public void close() {
        consumer.close();
    }
}
