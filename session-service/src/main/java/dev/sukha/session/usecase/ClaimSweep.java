package dev.sukha.session.usecase;

import dev.sukha.session.config.SessionConfig;
import dev.sukha.session.store.EventClaims;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Claims expire {@link EventClaims#KEEP} after they were made. A real MongoDB
 * deletes them by its TTL index; the local store keeps no secondary index, so this sweep does
 * it too (a full scan there, hence rarely).
 */
@ApplicationScoped
public class ClaimSweep {

    private final EventClaims claims;
    private final SessionConfig config;
    private ScheduledExecutorService timer;

    public ClaimSweep(EventClaims claims, SessionConfig config) {
        this.claims = claims;
        this.config = config;
    }

    void start(@Observes StartupEvent event) {
        try {
            claims.ensureIndexes();
        } catch (RuntimeException e) {
            Log.warnf("Could not create the claims' TTL index (%s); the sweep deletes expired claims", e.getMessage());
        }
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "claim-sweep");
            t.setDaemon(true);
            return t;
        });
        long every = config.claim().sweepEvery().toMillis();
        timer.scheduleWithFixedDelay(this::sweep, every, every, TimeUnit.MILLISECONDS);
    }

    void sweep() {
        try {
            long n = claims.sweep(Instant.now());
            if (n > 0) {
                Log.infof("Deleted %d expired event claims", n);
            }
        } catch (RuntimeException e) {
            Log.warnf("Claim sweep failed (%s); next time", e.getMessage());
        }
    }

    void stop(@Observes ShutdownEvent event) {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
