package dev.sukha.insights.messaging;

import dev.sukha.platform.kafka.KafkaClients;
import dev.sukha.platform.sealing.PersonKeyDocuments;
import dev.sukha.insights.store.ProjectionWriter;
import dev.sukha.insights.usecase.BatchSeals;
import dev.sukha.insights.usecase.EventLog;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reads {@code practice-events} from the start, outside the consumer group, for a rebuild:
 * up to the end offsets of a moment, then on to the end offsets of a later moment.
 * Poison records are skipped (the live consumer has dead-lettered them), and so are the
 * records of erased people (their keys are gone: a rebuild brings nothing of them back).
 */
@ApplicationScoped
public class PracticeEventsReplay implements EventLog {

    /** An open replay; {@link #readTo} may be called again to go on to a later end. */
    public final class Reader implements EventLog.Reader {
        private final KafkaConsumer<String, String> consumer;
        private final List<TopicPartition> partitions;
        private long processed;
        private long skipped;
        private long total;

        private Reader() {
            consumer = kafka.consumer("insights-rebuild", Map.of(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000",
                    ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"));
            partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
        }

        /** Reads from where it is to the current end of every partition, handing each batch to {@code sink}. */
        @Override
        public void readTo(java.util.function.BiConsumer<List<ProjectionWriter.Incoming>, java.util.function.Function<String, dev.sukha.insights.store.PersonSeal>> sink,
                           Consumer<Progress> progress) {
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            total += partitions.stream().mapToLong(tp -> Math.max(0, end.get(tp) - consumer.position(tp))).sum();
            progress.accept(new Progress(processed, total, skipped));
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                List<ProjectionWriter.Incoming> batch = new ArrayList<>();
                List<ConsumerRecord<String, String>> polled = new ArrayList<>();
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    if (r.offset() < end.get(new TopicPartition(r.topic(), r.partition()))) {
                        polled.add(r);
                    }
                }
                Map<String, dev.sukha.platform.sealing.PersonKeyDocuments.State> keys = opener.states(polled);
                java.util.Set<String> written = new java.util.HashSet<>();
                for (ConsumerRecord<String, String> r : polled) {
                    processed++;
                    try {
                        PracticeRecord record = opener.read(r, keys);
                        batch.add(new ProjectionWriter.Incoming(batch.size(), record.userId(), record.event()));
                        written.add(record.userId());
                    } catch (Exception e) {
                        skipped++; // poison (dead-lettered by the consumer), or an erased person's
                    }
                }
                sink.accept(batch, seals.seals(keys, written));
                seals.sweepErased(keys, written);
                progress.accept(new Progress(processed, total, skipped));
            }
            // Records past the end of this round were polled and dropped: read them again next round.
            end.forEach((tp, offset) -> {
                if (consumer.position(tp) > offset) {
                    consumer.seek(tp, offset);
                }
            });
        }

        @Override
        public void close() {
            consumer.close();
        }
    }

    private final RecordOpener opener;
    private final BatchSeals seals;
    private final KafkaClients kafka;
    private final String topic;

    public PracticeEventsReplay(RecordOpener opener, BatchSeals seals, KafkaClients kafka,
                                @ConfigProperty(name = "mp.messaging.incoming.practice-events-in.topic") String topic) {
        this.opener = opener;
        this.seals = seals;
        this.kafka = kafka;
        this.topic = topic;
    }

    @Override
    public Reader open() {
        return new Reader();
    }
}
