package dev.sukha.insights.messaging;

import dev.sukha.insights.domain.Figure;
import dev.sukha.insights.store.Revisions;
import dev.sukha.insights.usecase.FigureTags;
import dev.sukha.platform.observability.KafkaTracing;
import dev.sukha.platform.sealing.PersonKeyDocuments;
import dev.sukha.insights.keys.PersonKeys;
import dev.sukha.insights.store.Generations;
import dev.sukha.insights.store.PersonSeal;
import dev.sukha.insights.store.ProjectionWriter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import io.quarkus.logging.Log;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.MutinyEmitter;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
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
import java.util.Map;

/**
 * Consumes {@code practice-events} in batches, opens each record with its person's key
 * ({@link RecordOpener}: a record of an erased person is skipped), and applies them to the projection (the live
 * generation, and the one a rebuild is filling). Offsets are committed after the method
 * returns, that is after the writes (at-least-once; the writes are idempotent, so the
 * effect is exactly-once).
 * <p>
 * Failure strategy: a poison record (unreadable, or breaking the event schema) and an event
 * the projection cannot hold (over a limit, or refused by the store) go to
 * {@code practice-events-dlq} with the reason in headers, and the rest of the batch goes on:
 * no person's data stops the partition. A store outage is retried with back-off, never
 * skipped. Anything else fails the channel ({@code failure-strategy=fail}) and the
 * readiness check reports it.
 */
@ApplicationScoped
public class PracticeEventConsumer {

    public static final String CHANNEL = "practice-events-in";
    public static final String DLQ_CHANNEL = "practice-events-dlq-out";
    public static final String REASON_HEADER = "dlq-reason";
    /**
     * Dead letters in flight at once: a whole poll may be refused (max.poll.records is 5000), and
     * the emitter's default buffer (128) overflowing stopped the channel for good.
     */
    static final int DLQ_BUFFER = 10_000;

    private final ProjectionWriter writer;
    private final Generations generations;
    private final RecordOpener opener;
    private final Revisions revisions;
    private final FigureChanges changes;
    private final MutinyEmitter<String> deadLetters;
    private final MeterRegistry metrics;
    private final Timer writeLatency;
    private final Timer freshness;
    private final KafkaTracing tracing;
    private final io.opentelemetry.api.trace.Tracer tracer;

    public PracticeEventConsumer(ProjectionWriter writer, Generations generations, RecordOpener opener,
                                 @Channel(DLQ_CHANNEL) @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = DLQ_BUFFER)
                                 MutinyEmitter<String> deadLetters, MeterRegistry metrics, Revisions revisions, FigureChanges changes,
                                 KafkaTracing tracing, io.opentelemetry.api.trace.Tracer tracer) {
        this.writer = writer;
        this.tracing = tracing;
        this.tracer = tracer;
        this.revisions = revisions;
        this.changes = changes;
        this.generations = generations;
        this.opener = opener;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
        this.writeLatency = Timer.builder("sukha.insights.projection.write")
                .description("Time to write one consumed batch into the projection").register(metrics);
        this.freshness = Freshness.timer(metrics);
        // Counted from zero, so that a rate of dead letters exists before the first one (alerts, dashboards).
        metrics.counter("sukha.insights.dead.letters", "kind", "poison");
        metrics.counter("sukha.insights.dead.letters", "kind", "refused");
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
        Map<String, PersonKeyDocuments.State> keys = retrying("reading record keys", () -> opener.states(records));
        // Parsing and opening are CPU alone: in parallel chunks, as the writes that follow.
        Object[] read = new Object[records.size()];
        inParallel(records.size(), i -> read[i] = read(records.get(i), keys));
        List<ProjectionWriter.Incoming> incoming = new ArrayList<>(records.size());
        java.util.Set<String> written = new java.util.HashSet<>();
        for (int i = 0; i < records.size(); i++) {
            if (read[i] instanceof PracticeRecord r) {
                incoming.add(new ProjectionWriter.Incoming(i, r.userId(), r.event()));
                written.add(r.userId());
            } else if (read[i] instanceof String reason) {
                deadLetter(records.get(i), reason, "poison");
            } // else its person was erased: skipped, on purpose
        }
        // The store's work for the batch, as a child span: how many events, for how many people; never who.
        Span write = tracer.spanBuilder("projection write").setAttribute("db.system", "mongodb")
                .setAttribute("sukha.events", (long) incoming.size()).setAttribute("sukha.people", (long) written.size()).startSpan();
        Map<Integer, String> refused;
        try (Scope ignored = write.makeCurrent()) {
            refused = writeWithRetry(incoming, retrying("reading and making record keys", () -> opener.seals(keys, written)));
        } finally {
            write.end();
        }
        written.removeAll(retrying("checking for erasures", () -> opener.sweepErased(keys, written)));
        // After the writes: their revisions say so (ETags), and every instance hears it (streams of changes).
        retrying("raising revisions", () -> {
            revisions.figuresChanged(written);
            return null;
        });
        changes.changed(written, Figure.FROM_EVENTS);
        refused.forEach((index, reason) -> deadLetter(records.get(index), reason, "refused"));
        // The offsets are committed after this method: every dead letter must be on the broker first.
        awaitDeadLetters();
        metrics.counter("sukha.insights.events.applied").increment(incoming.size() - refused.size());
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

    /** Runs {@code each} for 0..n-1 in a few contiguous chunks side by side (one chunk for small batches). */
    private void inParallel(int n, java.util.function.IntConsumer each) {
        int chunks = Math.min(PARALLEL, Math.max(1, n / 500));
        if (chunks == 1) {
            for (int i = 0; i < n; i++) {
                each.accept(i);
            }
            return;
        }
        List<java.util.concurrent.Future<Object>> futures = new ArrayList<>();
        for (int c = 0; c < chunks; c++) {
            int from = (int) ((long) n * c / chunks);
            int to = (int) ((long) n * (c + 1) / chunks);
            futures.add(pool.submit(() -> {
                for (int i = from; i < to; i++) {
                    each.accept(i);
                }
                return null;
            }));
        }
        awaitAll(futures);
    }

    /** Waits for every task; the first failure is thrown as it was. */
    private static <T> List<T> awaitAll(List<? extends java.util.concurrent.Future<T>> futures) {
        List<T> results = new ArrayList<>(futures.size());
        try {
            for (var f : futures) {
                results.add(f.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        }
        return results;
    }

    /**
     * Runs a store step until the store answers: an outage (or no generation yet) is waited out with
     * back-off, never skipped.
     */
    private <T> T retrying(String what, java.util.function.Supplier<T> step) {
        Duration backoff = Duration.ofMillis(100);
        while (true) {
            try {
                return step.get();
            } catch (com.mongodb.MongoException | IllegalStateException e) {
                Log.warnf("%s failed (%s); retrying in %d ms", what, e.getMessage(), backoff.toMillis());
                sleep(backoff);
                backoff = backoff.multipliedBy(2).compareTo(Duration.ofSeconds(5)) > 0 ? Duration.ofSeconds(5) : backoff.multipliedBy(2);
            }
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while the store was away", ie);
        }
    }

    /** Writes to every generation being written; the live one's refusals are the answer. */
    private Map<Integer, String> writeWithRetry(List<ProjectionWriter.Incoming> incoming,
                                                java.util.function.Function<String, PersonSeal> seals) {
        return retrying("Projection write of " + incoming.size() + " events", () -> {
            List<Long> targets = generations.writeTargets();
            if (targets.isEmpty()) {
                throw new IllegalStateException("the projection has no generation yet");
            }
            Map<Integer, String> refused = null;
            for (long target : targets) {
                Timer.Sample sample = Timer.start();
                Map<Integer, String> r = applyInParallel(incoming, target, seals);
                sample.stop(writeLatency);
                if (refused == null) {
                    refused = r;
                }
            }
            return refused;
        });
    }

    /**
     * Splits the batch by person into a few groups written side by side: each group waits on
     * the store in turn, and one person's events are always in one group, in order.
     */
    private Map<Integer, String> applyInParallel(List<ProjectionWriter.Incoming> incoming, long target,
                                                 java.util.function.Function<String, PersonSeal> seals) {
        int groups = Math.min(PARALLEL, Math.max(1, incoming.size() / 200));
        if (groups == 1) {
            return writer.apply(incoming, target, seals);
        }
        List<List<ProjectionWriter.Incoming>> split = new ArrayList<>();
        for (int i = 0; i < groups; i++) {
            split.add(new ArrayList<>());
        }
        incoming.forEach(in -> split.get(Math.floorMod(in.userId().hashCode(), groups)).add(in));
        List<java.util.concurrent.Future<Map<Integer, String>>> futures = new ArrayList<>();
        for (List<ProjectionWriter.Incoming> group : split) {
            futures.add(pool.submit(() -> writer.apply(group, target, seals)));
        }
        Map<Integer, String> refused = new java.util.HashMap<>();
        awaitAll(futures).forEach(refused::putAll);
        return refused;
    }

    private static final int PARALLEL = 3;
    private final java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(PARALLEL, r -> {
        Thread t = new Thread(r, "projection-writer");
        t.setDaemon(true);
        return t;
    });

    private void deadLetter(ConsumerRecord<String, String> record, String reason, String kind) {
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
        Message<String> message = Message.of(record.value() == null ? "" : record.value())
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(record.key()).withHeaders(headers).build());
        // Sent together and awaited before the batch's offsets are committed: a burst of refusals does not stall the partition.
        pending.add(message);
        metrics.counter("sukha.insights.dead.letters", "kind", kind).increment();
    }

    /** Dead letters of the batch being consumed (one batch at a time). */
    private final List<Message<String>> pending = new ArrayList<>();

    /**
     * Sends the batch's dead letters together and waits for the broker; what it did not take is
     * sent again with back-off. Never throws: a failure here would stop the channel for good.
     */
    private void awaitDeadLetters() {
        if (pending.size() > 1) {
            Log.warnf("%d records of this batch to the dead-letter topic in all (the first one logged above)", pending.size());
        }
        Duration backoff = Duration.ofMillis(100);
        List<Message<String>> toSend = new ArrayList<>(pending);
        pending.clear();
        while (!toSend.isEmpty()) {
            List<java.util.concurrent.CompletableFuture<Void>> sent = new ArrayList<>(toSend.size());
            for (Message<String> m : toSend) {
                java.util.concurrent.CompletableFuture<Void> f;
                try {
                    f = deadLetters.sendMessage(m).subscribeAsCompletionStage();
                } catch (RuntimeException e) {
                    f = java.util.concurrent.CompletableFuture.failedFuture(e);
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
