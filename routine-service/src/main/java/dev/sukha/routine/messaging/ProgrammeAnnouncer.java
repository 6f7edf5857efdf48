package dev.sukha.routine.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sukha.routine.config.RoutineConfig;
import dev.sukha.routine.domain.Programme;
import dev.sukha.routine.usecase.ProgrammeAnnouncements;
import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Puts a published programme version on the {@code programmes} topic and waits for the broker's acknowledgement. */
@ApplicationScoped
public class ProgrammeAnnouncer implements ProgrammeAnnouncements {

    public static final String CHANNEL = "programmes-out";

    private final Emitter<Record<String, String>> emitter;
    private final ObjectMapper json;
    private final Duration timeout;

    public ProgrammeAnnouncer(@Channel(CHANNEL) Emitter<Record<String, String>> emitter, ObjectMapper json, RoutineConfig config) {
        this.emitter = emitter;
        this.json = json;
        this.timeout = config.announce().timeout();
    }

    @Override
    public void announce(Programme programme) {
        String value;
        try {
            value = json.writeValueAsString(ProgrammeRecord.of(programme));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        try {
            emitter.send(Record.of(programme.id(), value)).toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NotAnnounced(programme, e);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            throw new NotAnnounced(programme, e);
        }
    }
}
