package dev.sukha.insights.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sukha.insights.store.PracticeStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.logging.Log;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Consumes {@code practice-events} in batches and applies them to the projections
 * with one bulk write. Offsets are committed after the method returns, that is after
 * the writes (at-least-once; the merge is idempotent, so the effect is exactly-once).
 * <p>
 * Failure strategy: a poison record (unreadable, or breaking the event schema) goes to
 * {@code practice-events-dlq} with the reason in headers, and the rest of the batch
 * goes on. A store outage is retried with back-off, never skipped: nothing is lost,
 * and the partition resumes when the store answers. Anything else fails the channel
 * ({@code failure-strategy=fail}) and the readiness check reports it.
 */
@ApplicationScoped
public class PracticeEventConsumer {

    public static final String CHANNEL = "practice-events-in";
    public static final String DLQ_CHANNEL = "practice-events-dlq-out";
    public static final String REASON_HEADER = "dlq-reason";

    private final PracticeStore store;
    private final ObjectMapper json;
    private final MutinyEmitter<String> deadLetters;
    private final Rebuild rebuild;
    private final Timer writeLatency;
    private final Counter poisoned;
    private final Counter applied;

    public PracticeEventConsumer(PracticeStore store, ObjectMapper json,
                                 @Channel(DLQ_CHANNEL) MutinyEmitter<String> deadLetters, Rebuild rebuild,
                                 MeterRegistry metrics) {
        this.store = store;
        this.json = json;
        this.deadLetters = deadLetters;
        this.rebuild = rebuild;
        this.writeLatency = Timer.builder("sukha.insights.projection.write")
                .description("Time to write one consumed batch into the projections").register(metrics);
        this.poisoned = Counter.builder("sukha.insights.dead.letters")
                .description("Practice-event records sent to the dead-letter topic").register(metrics);
        this.applied = Counter.builder("sukha.insights.events.applied")
                .description("Practice events applied to the projections").register(metrics);
    }

    @Incoming(CHANNEL)
    @Blocking
    public void consume(ConsumerRecords<String, String> batch) {
        List<PracticeRecord> good = new ArrayList<>(batch.count());
        for (ConsumerRecord<String, String> record : batch) {
            try {
                good.add(PracticeRecord.read(record.key(), record.value() == null ? null : json.readTree(record.value())));
            } catch (PracticeRecord.Poison e) {
                deadLetter(record, e.getMessage());
            } catch (Exception e) {
                deadLetter(record, "unparseable JSON: " + e.getMessage());
            }
        }
        writeWithRetry(good);
        applied.increment(good.size());
    }

    private void writeWithRetry(List<PracticeRecord> records) {
        Duration backoff = Duration.ofMillis(100);
        while (true) {
            try {
                List<String> targets = rebuild.writeTargets(store.liveCollection());
                writeLatency.record(() -> store.apply(records, targets));
                return;
            } catch (com.mongodb.MongoException e) {
                Log.warnf("Projection write of %d events failed (%s); retrying in %d ms", records.size(),
                        e.getMessage(), backoff.toMillis());
                try {
                    Thread.sleep(backoff.toMillis());
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("Interrupted while the store was away", ie);
                }
                backoff = backoff.multipliedBy(2).compareTo(Duration.ofSeconds(5)) > 0 ? Duration.ofSeconds(5) : backoff.multipliedBy(2);
            }
        }
    }

    private void deadLetter(ConsumerRecord<String, String> record, String reason) {
        Log.warnf("Poison record %s-%d@%d to the dead-letter topic: %s", record.topic(), record.partition(),
                record.offset(), reason);
        RecordHeaders headers = new RecordHeaders();
        headers.add(REASON_HEADER, reason.getBytes(StandardCharsets.UTF_8));
        headers.add("dlq-original-topic", record.topic().getBytes(StandardCharsets.UTF_8));
        headers.add("dlq-original-partition", String.valueOf(record.partition()).getBytes(StandardCharsets.UTF_8));
        headers.add("dlq-original-offset", String.valueOf(record.offset()).getBytes(StandardCharsets.UTF_8));
        Message<String> message = Message.of(record.value() == null ? "" : record.value())
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(record.key()).withHeaders(headers).build());
        // Wait for the broker: the offset is committed after this batch, so the poison must be safe first.
        deadLetters.sendMessageAndAwait(message);
        poisoned.increment();
    }
}
