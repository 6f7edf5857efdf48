package dev.sukha.insights.messaging;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.smallrye.reactive.messaging.kafka.KafkaConsumer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code sukha_consumer_lag_records{topic, partition}}: how many records of {@code practice-events} each
 * partition this instance holds has not yet consumed, asked of the consumer every few seconds (the
 * client's own per-partition metrics do not reach Micrometer's Kafka binder here). Asked on the
 * consumer's polling thread, so a consumer stuck in a batch still reports its lag growing; a
 * partition that moved to another instance is reported there, and removed here.
 */
@ApplicationScoped
public class ConsumerLag {

    private final KafkaClientService clients;
    private final MeterRegistry metrics;
    private final Duration every;
    private final Map<TopicPartition, AtomicLong> lags = new ConcurrentHashMap<>();
    private final Map<TopicPartition, Gauge> gauges = new ConcurrentHashMap<>();
    private ScheduledExecutorService timer;

    public ConsumerLag(KafkaClientService clients, MeterRegistry metrics,
                       @ConfigProperty(name = "sukha.consumer-lag.every", defaultValue = "5s") Duration every) {
        this.clients = clients;
        this.metrics = metrics;
        this.every = every;
    }

    void start(@Observes StartupEvent e) {
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "consumer-lag");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::measure, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent e) {
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    private void measure() {
        try {
            KafkaConsumer<Object, Object> consumer = clients.getConsumer(PracticeEventConsumer.CHANNEL);
            if (consumer == null) {
                return;
            }
            Map<TopicPartition, Long> now = consumer.runOnPollingThread(ConsumerLag::lagsOf)
                    .await().atMost(every);
            update(now);
        } catch (RuntimeException ex) {
            Log.debugf("Consumer lag not measured this time: %s", ex.toString());
        }
    }

    private static Map<TopicPartition, Long> lagsOf(Consumer<Object, Object> c) {
        Map<TopicPartition, Long> lag = new HashMap<>();
        for (TopicPartition tp : c.assignment()) {
            c.currentLag(tp).ifPresent(l -> lag.put(tp, l));
        }
        return lag;
    }

    void update(Map<TopicPartition, Long> now) {
        now.forEach((tp, lag) -> lags.computeIfAbsent(tp, p -> {
            AtomicLong value = new AtomicLong();
            gauges.put(p, Gauge.builder("sukha.consumer.lag.records", value, AtomicLong::get)
                    .description("Records of the partition not yet consumed by this instance")
                    .tag("topic", p.topic()).tag("partition", String.valueOf(p.partition())).register(metrics));
            return value;
        }).set(lag));
        for (TopicPartition gone : lags.keySet()) {
            if (!now.containsKey(gone)) {
                lags.remove(gone);
                metrics.remove(gauges.remove(gone));
            }
        }
    }
}
