package dev.sukha.insights.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * {@code practice-events-dlq}: the consumed records that are poison (unreadable, or breaking the event schema) or
 * that the projection refused, each with the reason and where it came from in headers. A batch's dead letters are
 * gathered ({@link #add}), then sent together and awaited ({@link #flush}) before the batch's offsets are committed.
 * Used by the one consumer thread of {@code practice-events-in}.
 */
@ApplicationScoped
public class DeadLetters {

    public static final String CHANNEL = "practice-events-dlq-out";
    public static final String REASON_HEADER = "dlq-reason";
    /**
     * Dead letters in flight at once: a whole poll may be refused (max.poll.records is 5000), and
     * the emitter's default buffer (128) overflowing stopped the channel for good.
     */
    static final int BUFFER = 10_000;

    private final MutinyEmitter<String> emitter;
    private final MeterRegistry metrics;
    /** Dead letters of the batch being consumed (one batch at a time). */
    private final List<Message<String>> pending = new ArrayList<>();

    public DeadLetters(@Channel(CHANNEL) @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = BUFFER) MutinyEmitter<String> emitter,
                       MeterRegistry metrics) {
        this.emitter = emitter;
        this.metrics = metrics;
        // Counted from zero, so that a rate of dead letters exists before the first one (alerts, dashboards).
        metrics.counter("sukha.insights.dead.letters", "kind", "poison");
        metrics.counter("sukha.insights.dead.letters", "kind", "refused");
    }

    /** Adds {@code record} to this batch's dead letters; {@code kind} is poison or refused. */
    void add(ConsumerRecord<String, String> record, String reason, String kind) {
        // One line a batch (below) rather than one a record: a flood of refusals would flood the log.
        if (pending.isEmpty()) {
            Log.warnf("Record %s-%d@%d to the dead-letter topic: %s", record.topic(), record.partition(), record.offset(), reason);
        } else {
            Log.debugf("Record %s-%d@%d to the dead-letter topic: %s", record.topic(), record.partition(), record.offset(), reason);
        }
        RecordHeaders headers = new RecordHeaders();
        headers.add(REASON_HEADER, reason.getBytes(StandardCharsets.UTF_8));
        headers.add("dlq-original-topic", record.topic().getBytes(StandardCharsets.UTF_8));
        headers.add("dlq-original-partition", String.valueOf(record.partition()).getBytes(StandardCharsets.UTF_8));
        headers.add("dlq-original-offset", String.valueOf(record.offset()).getBytes(StandardCharsets.UTF_8));
        pending.add(Message.of(record.value() == null ? "" : record.value())
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(record.key()).withHeaders(headers).build()));
        metrics.counter("sukha.insights.dead.letters", "kind", kind).increment();
    }

    /**
     * Sends the batch's dead letters together and waits for the broker; what it did not take is
     * sent again with back-off. Never throws: a failure here would stop the channel for good.
     */
    void flush() {
        if (pending.size() > 1) {
            Log.warnf("%d records of this batch to the dead-letter topic in all (the first one logged above)", pending.size());
        }
        Duration backoff = Duration.ofMillis(100);
        List<Message<String>> toSend = new ArrayList<>(pending);
        pending.clear();
        while (!toSend.isEmpty()) {
            List<CompletableFuture<Void>> sent = new ArrayList<>(toSend.size());
            for (Message<String> m : toSend) {
                CompletableFuture<Void> f;
                try {
                    f = emitter.sendMessage(m).subscribeAsCompletionStage();
                } catch (RuntimeException e) {
                    f = CompletableFuture.failedFuture(e);
                }
                sent.add(f);
            }
            List<Message<String>> failed = new ArrayList<>();
            for (int i = 0; i < sent.size(); i++) {
                try {
                    sent.get(i).join();
                } catch (RuntimeException e) {
                    failed.add(toSend.get(i));
                }
            }
            if (!failed.isEmpty()) {
                Log.warnf("%d dead letters not taken by the broker; sending them again in %d ms", failed.size(), backoff.toMillis());
                try {
                    Thread.sleep(backoff.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                backoff = backoff.multipliedBy(2).compareTo(Duration.ofSeconds(5)) > 0 ? Duration.ofSeconds(5) : backoff.multipliedBy(2);
            }
            toSend = failed;
        }
    }
}
