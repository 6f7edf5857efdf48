package dev.sukha.session.ingest;

import com.mongodb.MongoException;
import dev.sukha.session.store.EventClaims;
import dev.sukha.session.store.SessionStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Marks events recorded once Kafka holds them. Kafka's acknowledgement is what makes an
 * event recorded (the 202), so a store that fails at this point must not turn into a 503:
 * the client would resend, and once the claim's lease ran out the resend would put the
 * events on the topic a second time. The marks that cannot be written now are kept and
 * retried every second until the store answers; the writes are idempotent. A failed
 * request's claims are let go the same way, so that its retry need not wait for the lease.
 */
@ApplicationScoped
public class RecordedMarks {

    /** A store write this instance owes: kept and retried until the store answers. */
    private sealed interface Owed permits Marks, Release {
    }

    record Marks(Collection<UUID> eventIds, Instant at, List<SessionStore.Recorded> sessions) implements Owed {
    }

    record Release(Collection<UUID> eventIds, String holder) implements Owed {
    }

    private final EventClaims claims;
    private final SessionStore sessions;
    private final ConcurrentLinkedQueue<Owed> pending = new ConcurrentLinkedQueue<>();
    /** Events sent by this instance whose acknowledgement has not come yet. */
    private final Set<UUID> inFlight = ConcurrentHashMap.newKeySet();
    private ScheduledExecutorService retry;

    public RecordedMarks(EventClaims claims, SessionStore sessions, MeterRegistry metrics) {
        this.claims = claims;
        this.sessions = sessions;
        metrics.gaugeCollectionSize("sukha.marks.pending", List.of(), pending);
    }

    @PostConstruct
    void start() {
        retry = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "recorded-marks-retry");
            t.setDaemon(true);
            return t;
        });
        retry.scheduleWithFixedDelay(this::retryPending, 1, 1, TimeUnit.SECONDS);
    }

    /** Writes the marks now, or keeps them for the retry when the store does not answer. */
    public void mark(Collection<UUID> eventIds, Instant at, List<SessionStore.Recorded> recorded) {
        if (!writeOrKeep(new Marks(eventIds, at, recorded))) {
            Log.warnf("Marking %d events recorded failed; they are on Kafka, retrying in the background", eventIds.size());
        }
    }

    /**
     * Lets go of a failed request's claims so that a retry can take them at once. When the
     * store does not answer, that is retried too: otherwise a retry would wait for the lease.
     */
    public void release(Collection<UUID> eventIds, String holder) {
        if (!eventIds.isEmpty()) {
            writeOrKeep(new Release(List.copyOf(eventIds), holder));
        }
    }

    /**
     * Events whose acknowledgement outlived the request: each is marked recorded when Kafka
     * acknowledges it, or let go (so that a retry sends it) when Kafka refuses it. Their
     * claims stay meanwhile; the producer gives up within its delivery timeout, which the
     * claim lease outlasts.
     */
    public void markWhenAcknowledged(Map<UUID, CompletableFuture<Void>> acks, String holder,
                                     Function<Set<UUID>, List<SessionStore.Recorded>> sessionMarks) {
        inFlight.addAll(acks.keySet());
        acks.forEach((id, ack) -> ack.whenComplete((ok, error) -> retry.execute(() -> {
            try {
                if (error == null) {
                    mark(Set.of(id), Instant.now(), sessionMarks.apply(Set.of(id)));
                } else {
                    release(Set.of(id), holder);
                }
            } finally {
                inFlight.remove(id);
            }
        })));
    }

    int pending() {
        return pending.size();
    }

    /** Whether this instance published the event and still has to mark it (its claim must not be taken over). */
    boolean marking(UUID eventId) {
        return inFlight.contains(eventId)
                || pending.stream().anyMatch(o -> o instanceof Marks m && m.eventIds().contains(eventId));
    }

    void retryPending() {
        for (Owed owed; (owed = pending.peek()) != null; ) {
            try {
                write(owed);
                pending.remove(owed);
            } catch (MongoException | IllegalStateException e) {
                return; // the store is still away: next round
            }
        }
    }

    /** Writes now; when the store does not answer, keeps it for the retry. False if kept. */
    private boolean writeOrKeep(Owed owed) {
        try {
            write(owed);
            return true;
        } catch (MongoException e) {
            pending.add(owed);
            return false;
        }
    }

    private void write(Owed owed) {
        if (owed instanceof Marks m) {
            claims.markRecorded(m.eventIds(), m.at());
            sessions.recorded(m.sessions());
        } else if (owed instanceof Release r) {
            claims.release(r.eventIds(), r.holder());
        }
    }

    @PreDestroy
    void flush() {
        retry.shutdownNow();
        retryPending();
        if (!pending.isEmpty()) {
            Log.errorf("%d store writes are still owed (events on Kafka not marked recorded, claims not let go); "
                    + "a resend after the claim lease will publish those events again (consumers deduplicate by eventId)",
                    pending.size());
        }
    }
}
