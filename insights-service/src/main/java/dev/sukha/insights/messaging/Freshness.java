package dev.sukha.insights.messaging;

import dev.sukha.insights.store.ProjectionWriter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The freshness service level's measure: for each event a batch wrote into the projection, the time
 * from its record's timestamp (set when session-service sent it, just before the 202) to the write.
 * Not from {@code occurredAt}: that includes the hours a phone may spend offline, which is the
 * person's connection and not our pipeline. A clock behind the producer's counts as 0.
 * <p>
 * A histogram with a bucket at the objective (250 ms), so that the share within it is exact:
 * {@code sukha_projection_freshness_seconds_bucket{le="0.25"}} over {@code _count}.
 */
final class Freshness {

    static final Duration OBJECTIVE = Duration.ofMillis(250);

    private Freshness() {
    }

    static Timer timer(MeterRegistry metrics) {
        return Timer.builder("sukha.projection.freshness")
                .description("From a practice event's record timestamp to its projection write")
                .serviceLevelObjectives(Duration.ofMillis(50), Duration.ofMillis(100), OBJECTIVE, Duration.ofMillis(500),
                        Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(15),
                        Duration.ofMinutes(1), Duration.ofMinutes(5))
                .register(metrics);
    }

    /** Each written event's freshness in milliseconds, at {@code nowMillis}: refused ones were not written. */
    static long[] millis(List<? extends ConsumerRecord<?, ?>> records, List<ProjectionWriter.Incoming> written,
                         Map<Integer, String> refused, long nowMillis) {
        return written.stream().filter(w -> !refused.containsKey(w.index()))
                .mapToLong(w -> Math.max(0, nowMillis - records.get(w.index()).timestamp()))
                .toArray();
    }

    static void record(Timer timer, List<? extends ConsumerRecord<?, ?>> records, List<ProjectionWriter.Incoming> written,
                       Map<Integer, String> refused) {
        for (long ms : millis(records, written, refused, System.currentTimeMillis())) {
            timer.record(ms, TimeUnit.MILLISECONDS);
        }
    }
}
