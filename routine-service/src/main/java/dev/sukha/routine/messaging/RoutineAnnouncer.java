package dev.sukha.routine.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sukha.routine.domain.Pose;
import dev.sukha.routine.domain.Routine;
import dev.sukha.routine.domain.Step;
import dev.sukha.routine.usecase.Announcements;
import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Puts a published version on the {@code routines} topic and waits for the broker's acknowledgement. */
@ApplicationScoped
public class RoutineAnnouncer implements Announcements {

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
    @Override
    public void announce(Routine routine, List<Routine> versionsUpTo, Function<String, Optional<Pose>> library) {
        List<RoutineRecord.VersionRef> versions = versionsUpTo.stream().map(v -> RoutineRecord.VersionRef.of(v, library)).toList();
        List<RoutineRecord.PoseRef> poses = routine.steps().stream().map(Step::pose).distinct()
                .flatMap(pose -> library.apply(pose).stream()).map(RoutineRecord.PoseRef::of).toList();
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

    @Override
    public int shape() {
        return RoutineRecord.SHAPE;
    }

    @Override
    public String destination() {
        return TOPIC;
    }
}
