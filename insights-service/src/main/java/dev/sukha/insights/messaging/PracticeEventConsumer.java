package dev.sukha.insights.messaging;

import dev.sukha.insights.store.ProjectionWriter;
import dev.sukha.insights.usecase.ApplyEvents;
import dev.sukha.insights.usecase.StoreRetry;
import dev.sukha.insights.usecase.Workers;
import dev.sukha.platform.observability.KafkaTracing;
import dev.sukha.platform.sealing.PersonKeyDocuments;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Consumes {@code practice-events} in batches: opens each record with its person's key ({@link RecordOpener}: a
 * record of an erased person is skipped) and hands the batch to {@link ApplyEvents}. Offsets are committed after
 * the method returns, that is after the writes (at-least-once; the writes are idempotent, so the effect is
 * exactly-once).
 * <p>
 * Failure strategy: a poison record (unreadable, or breaking the event schema) and an event the projection
 * cannot hold (over a limit, or refused by the store) go to {@link DeadLetters} with the reason in headers, and
 * the rest of the batch goes on: no person's data stops the partition. A store outage is retried with back-off,
 * never skipped. Anything else fails the channel ({@code failure-strategy=fail}) and the readiness check reports it.
 */
@ApplicationScoped
public class PracticeEventConsumer {

    public static final String CHANNEL = "practice-events-in";

    private final RecordOpener opener;
    private final ApplyEvents apply;
    private final DeadLetters deadLetters;
    private final Workers workers;
    private final Timer freshness;
    private final KafkaTracing tracing;

    public PracticeEventConsumer(RecordOpener opener, ApplyEvents apply, DeadLetters deadLetters, Workers workers,
                                 MeterRegistry metrics, KafkaTracing tracing) {
        this.opener = opener;
        this.apply = apply;
        this.deadLetters = deadLetters;
        this.workers = workers;
        this.tracing = tracing;
        this.freshness = Freshness.timer(metrics);
    }

    @Incoming(CHANNEL)
    @Blocking
    public void consume(ConsumerRecords<String, String> batch) {
        List<ConsumerRecord<String, String>> records = new ArrayList<>(batch.count());
        batch.forEach(records::add);
        // One span for the batch, linking the trace of every record (of the request that wrote it); the store's spans are its children.
        Span span = tracing.process(batch.isEmpty() ? CHANNEL : records.get(0).topic(), records);
        try (Scope ignored = span.makeCurrent()) {
            consume(records);
        } catch (RuntimeException e) {
            span.setStatus(StatusCode.ERROR, e.getClass().getSimpleName());
            throw e;
        } finally {
            span.end();
        }
    }

    private void consume(List<ConsumerRecord<String, String>> records) {
        // The batch's people's keys, read once: a sealed record opens only with its person's live key.
        Map<String, PersonKeyDocuments.State> keys = StoreRetry.until("reading record keys", () -> opener.states(records));
        // Parsing and opening are CPU alone: in parallel chunks, as the writes that follow.
        Object[] read = new Object[records.size()];
        workers.inParallel(records.size(), i -> read[i] = read(records.get(i), keys));
        List<ProjectionWriter.Incoming> incoming = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            if (read[i] instanceof PracticeRecord r) {
                incoming.add(new ProjectionWriter.Incoming(i, r.userId(), r.event()));
            } else if (read[i] instanceof String reason) {
                deadLetters.add(records.get(i), reason, "poison");
            } // else its person was erased: skipped, on purpose
        }
        Map<Integer, String> refused = apply.apply(incoming, keys);
        refused.forEach((index, reason) -> deadLetters.add(records.get(index), reason, "refused"));
        // The offsets are committed after this method: every dead letter must be on the broker first.
        deadLetters.flush();
        Freshness.record(freshness, records, incoming, refused);
    }

    /** The record as a {@link PracticeRecord}, the reason it is poison, or null when its person was erased. */
    private Object read(ConsumerRecord<String, String> record, Map<String, PersonKeyDocuments.State> keys) {
        try {
            return opener.read(record, keys);
        } catch (RecordOpener.Unreadable e) {
            return null;
        } catch (PracticeRecord.Poison e) {
            return e.getMessage();
        }
    }
}
