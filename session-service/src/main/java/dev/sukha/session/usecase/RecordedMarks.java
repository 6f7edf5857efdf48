package dev.sukha.session.usecase;

import dev.sukha.session.config.SessionConfig;
import dev.sukha.session.store.EventClaims;
import dev.sukha.session.store.SessionStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Marks events recorded once Kafka holds them: their sessions list them (one update per session
 * and request, {@link SessionStore#recorded}). Kafka's acknowledgement is what makes an
 * event recorded (the 202), so a store that fails at this point must not turn into a 503:
 * the client would resend, and once the claim's lease ran out the resend would put the
 * events on the topic a second time. The marks that cannot be written now are kept and
 * retried every second until the store answers; the writes are idempotent. A failed
 * request's claims are let go the same way, so that its retry need not wait for the lease.
 * <p>
 * What is owed is bounded ({@code sukha.marks.max-pending}, gauge {@code sukha_marks_pending}):
 * when it is full, new requests are refused with 503 before they claim anything.
 */
@ApplicationScoped
public class RecordedMarks {

    /** A store write this instance owes: kept and retried until the store answers. */
    private sealed interface Owed permits Marks, Release {
    }

    record Marks(Collection<UUID> eventIds, List<SessionStore.Recorded> sessions) implements Owed {
    }

    record Release(Collection<UUID> eventIds, String holder) implements Owed {
    }

    private final EventClaims claims;
    private final SessionStore sessions;
    private final int maxPending;
    private final ConcurrentLinkedQueue<Owed> pending = new ConcurrentLinkedQueue<>();
    private final AtomicInteger pendingCount = new AtomicInteger();
    /** Events sent by this instance whose acknowledgement has not come yet. */
    private final Set<UUID> inFlight = ConcurrentHashMap.newKeySet();
    private ScheduledExecutorService retry;

    public RecordedMarks(EventClaims claims, SessionStore sessions, SessionConfig config, MeterRegistry metrics) {
        this.claims = claims;
        this.sessions = sessions;
        this.maxPending = config.marks().maxPending();
        metrics.gauge("sukha.marks.pending", pendingCount);
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

    /** Whether this instance owes as many store writes as it may: then it takes no new events. */
    public boolean full() {
        return pendingCount.get() >= maxPending;
    }

    /**
     * Writes the marks with the other requests of the tick, waiting at most until {@code deadline};
     * what the store does not take by then is kept for the retry.
     */
    public void mark(Collection<UUID> eventIds, List<SessionStore.Recorded> recorded, Deadline deadline) {
        if (eventIds.isEmpty()) {
            return;
        }
        Marks marks = new Marks(eventIds, recorded);
        if (!deadline.await(sessions.recorded(recorded))) {
            keep(marks);
            Log.warnf("Marking %d events recorded failed; they are on Kafka, retrying in the background", eventIds.size());
        }
    }

    /**
     * Deletes a refused request's claims (none of its events was sent) before it answers, waiting at most until
     * {@code deadline}, so that a corrected resend finds its ids free; when the store does not answer by then, they
     * are let go instead (in the background, as a failed request's are).
     */
    public void forget(Collection<UUID> eventIds, String holder, Deadline deadline) {
        if (eventIds.isEmpty()) {
            return;
        }
        List<UUID> ids = List.copyOf(eventIds);
        if (!deadline.await(CompletableFuture.runAsync(() -> claims.forget(ids, holder), retry))) {
            release(ids, holder);
        }
    }

    /**
     * Lets go of a failed request's claims so that a retry can take them at once. When the
     * store does not answer, that is retried too: otherwise a retry would wait for the lease.
     */
    public void release(Collection<UUID> eventIds, String holder) {
        if (!eventIds.isEmpty()) {
            retry.execute(() -> writeOrKeep(new Release(List.copyOf(eventIds), holder)));
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
                writeOrKeep(error == null ? new Marks(Set.of(id), sessionMarks.apply(Set.of(id)))
                        : new Release(Set.of(id), holder));
            } finally {
                inFlight.remove(id);
            }
        })));
    }

    int pending() {
        return pendingCount.get();
    }

    /** Whether this instance published the event and still has to mark it (its claim must not be taken over). */
    public boolean marking(UUID eventId) {
        return inFlight.contains(eventId)
                || pending.stream().anyMatch(o -> o instanceof Marks m && m.eventIds().contains(eventId));
    }

    void retryPending() {
        for (Owed owed; (owed = pending.peek()) != null; ) {
            try {
                write(owed);
                pending.remove(owed);
                pendingCount.decrementAndGet();
            } catch (RuntimeException e) {
                return; // the store is still away: next round
            }
        }
    }

    private void keep(Owed owed) {
        pending.add(owed);
        pendingCount.incrementAndGet();
    }

    /** Writes now; when the store does not answer, keeps it for the retry. */
    private void writeOrKeep(Owed owed) {
        try {
            write(owed);
        } catch (RuntimeException e) {
            keep(owed);
        }
    }

    private void write(Owed owed) {
        if (owed instanceof Marks m) {
            Deadline forever = Deadline.after(java.time.Duration.ofSeconds(30));
            if (!forever.await(sessions.recorded(m.sessions()))) {
                throw new IllegalStateException("marks not written");
            }
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
