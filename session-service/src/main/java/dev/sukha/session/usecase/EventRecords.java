package dev.sukha.session.usecase;

import dev.sukha.platform.sealing.PersonKeyVault;
import dev.sukha.session.domain.PracticeEvent;
import dev.sukha.session.domain.RoutineVersions;
import dev.sukha.session.domain.SessionContext;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Where accepted events are recorded durably (implemented by messaging's {@code EventPublisher} on
 * {@code practice-events}): owned here so that ingest never imports the messaging that carries them.
 */
public interface EventRecords {

    /** An event to record, with its session and (for a pose event) its step in the routine version practised. */
    record Outgoing(PracticeEvent event, SessionContext session, RoutineVersions.StepInfo step, Instant recordedAt) {
    }

    /**
     * Seals each with the person's key and hands it over; returns each one's acknowledgement by every in-sync replica.
     * A failed hand-over is a failed acknowledgement: nothing here throws for the broker.
     */
    List<CompletableFuture<Void>> send(List<Outgoing> events, PersonKeyVault.Live key);
}
