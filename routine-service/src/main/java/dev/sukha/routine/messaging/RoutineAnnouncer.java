package dev.sukha.routine.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sukha.routine.domain.Routine;
import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Puts a published version on the {@code routines} topic and waits for the broker's acknowledgement. */
@ApplicationScoped
public class RoutineAnnouncer {

    public static final String CHANNEL = "routines-out";
    public static final String TOPIC = "routines";

    private final Emitter<Record<String, String>> emitter;
    private final ObjectMapper json;
    private final Duration timeout;

    public RoutineAnnouncer(@Channel(CHANNEL) Emitter<Record<String, String>> emitter, ObjectMapper json,
                            dev.sukha.routine.config.RoutineConfig config) {
        this.emitter = emitter;
        this.json = json;
        this.timeout = config.announce().timeout();
    }

    /** Blocks until acknowledged by all in-sync replicas; throws {@link NotAnnounced} otherwise. */
    public void announce(Routine routine, List<RoutineRecord.VersionRef> versions, List<RoutineRecord.PoseRef> poses) {
        String value;
        try {
            value = json.writeValueAsString(RoutineRecord.of(routine, versions, poses));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        try {
            emitter.send(Record.of(routine.id(), value)).toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NotAnnounced(routine, e);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            throw new NotAnnounced(routine, e);
        }
    }

    /** The broker did not acknowledge a version in time. */
    public static class NotAnnounced extends RuntimeException {
        public NotAnnounced(Routine routine, Throwable cause) {
            super("Routine " + routine.id() + " version " + routine.version() + " was not acknowledged by Kafka", cause);
        }
    }
}
