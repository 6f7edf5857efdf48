package dev.sukha.insights.messaging;

import dev.sukha.insights.store.ProjectionWriter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class FreshnessTest {

    private static ConsumerRecord<String, String> sentAt(long millis) {
        return new ConsumerRecord<>("practice-events", 0, 0, millis, TimestampType.CREATE_TIME, 0, 0, "u", "{}",
                new org.apache.kafka.common.header.internals.RecordHeaders(), Optional.empty());
    }

    @Test
    void onlyWrittenEventsCountFromTheirRecordsTimestampAndALaggingClockIsZero() {
        List<ConsumerRecord<String, String>> records = List.of(sentAt(1_000), sentAt(1_900), sentAt(1_950), sentAt(2_100), sentAt(500));
        // record 4 was poison (never written), record 2 refused by the store
        List<ProjectionWriter.Incoming> written = List.of(new ProjectionWriter.Incoming(0, "u", null),
                new ProjectionWriter.Incoming(1, "u", null), new ProjectionWriter.Incoming(2, "u", null),
                new ProjectionWriter.Incoming(3, "u", null));
        long[] ms = Freshness.millis(records, written, Map.of(2, "too many alerts"), 2_000);
        assertThat(Arrays.stream(ms).boxed().toList()).containsExactly(1_000L, 100L, 0L);
    }

    @Test
    void theHistogramHasABucketAtTheObjective() {
        Timer timer = Freshness.timer(new SimpleMeterRegistry());
        timer.record(Freshness.OBJECTIVE);
        timer.record(Freshness.OBJECTIVE.plusMillis(1));
        CountAtBucket atObjective = Arrays.stream(timer.takeSnapshot().histogramCounts())
                .filter(b -> b.bucket(java.util.concurrent.TimeUnit.MILLISECONDS) == 250).findFirst().orElseThrow();
        assertThat(atObjective.count()).isEqualTo(1);
    }
}
