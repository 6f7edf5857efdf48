package dev.sukha.session.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Writes events to {@code practice-events}, keyed by user id, and waits until every one is acknowledged. */
@ApplicationScoped
public class EventPublisher {

    public static final String CHANNEL = "practice-events-out";
    public static final String TOPIC = "practice-events";

    private final Emitter<Record<String, String>> emitter;
    private final ObjectMapper json;
    private final Duration timeout;

    public EventPublisher(@Channel(CHANNEL) Emitter<Record<String, String>> emitter, ObjectMapper json,
                          @ConfigProperty(name = "sukha.publish.timeout", defaultValue = "10s") Duration timeout) {
        this.emitter = emitter;
        this.json = json;
        this.timeout = timeout;
    }

    /** Returns once the broker acknowledged all (acks=all); throws {@link NotRecorded} otherwise. */
    public void publish(List<EventRecord> records) {
        CompletableFuture<?>[] acks = new CompletableFuture<?>[records.size()];
        try {
            for (int i = 0; i < records.size(); i++) {
                EventRecord r = records.get(i);
                acks[i] = emitter.send(Record.of(r.userId(), json.writeValueAsString(r))).toCompletableFuture();
            }
            CompletableFuture.allOf(acks).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NotRecorded(e);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            throw new NotRecorded(e);
        }
    }

    /** Kafka did not acknowledge every event in time; none of them counts as recorded. */
    public static class NotRecorded extends RuntimeException {
        public NotRecorded(Throwable cause) {
            super("Kafka did not acknowledge the events: " + cause, cause);
        }
    }
}
