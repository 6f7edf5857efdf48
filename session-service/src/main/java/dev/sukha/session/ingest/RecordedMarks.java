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

    record Marks(Collection<UUID> eventIds, Instant at, List<SessionStore.Recorded> sessions) {
    }

    record Release(Collection<UUID> eventIds, String holder) {
    }

    private final EventClaims claims;
    private final SessionStore sessions;
    private final ConcurrentLinkedQueue<Marks> pending = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Release> releases = new ConcurrentLinkedQueue<>();
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
        Marks marks = new Marks(eventIds, at, recorded);
        try {
            write(marks);
        } catch (MongoException e) {
            Log.warnf("Marking %d events recorded failed (%s); they are on Kafka, retrying in the background",
                    eventIds.size(), e.getMessage());
            pending.add(marks);
        }
    }

    /**
     * Lets go of a failed request's claims so that a retry can take them at once. When the
     * store does not answer, that is retried too: otherwise a retry would wait for the lease.
     */
    public void release(Collection<UUID> eventIds, String holder) {
        if (eventIds.isEmpty()) {
            return;
        }
        try {
            claims.release(eventIds, holder);
        } catch (MongoException e) {
            releases.add(new Release(List.copyOf(eventIds), holder));
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
        return inFlight.contains(eventId) || pending.stream().anyMatch(m -> m.eventIds().contains(eventId));
    }

    void retryPending() {
        for (Release r; (r = releases.peek()) != null; ) {
            try {
                claims.release(r.eventIds(), r.holder());
                releases.remove(r);
            } catch (MongoException | IllegalStateException e) {
                return;
            }
        }
        for (Marks marks; (marks = pending.peek()) != null; ) {
            try {
                write(marks);
                pending.remove(marks);
            } catch (MongoException | IllegalStateException e) {
                return; // the store is still away: next round
            }
        }
    }

    private void write(Marks marks) {
        claims.markRecorded(marks.eventIds(), marks.at());
        sessions.recorded(marks.sessions());
    }

    @PreDestroy
    void flush() {
        retry.shutdownNow();
        retryPending();
        if (!pending.isEmpty()) {
            Log.errorf("%d batches of events are on Kafka but not marked recorded in the store; "
                    + "a resend after the claim lease will publish them again (consumers deduplicate by eventId)",
                    pending.size());
        }
    }
}
