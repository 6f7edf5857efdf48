package dev.sukha.insights.usecase;

import dev.sukha.insights.keys.PersonKeys;
import dev.sukha.insights.store.PersonDocuments;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Erases a person (GDPR art. 17) by crypto-shredding, in steps that may each be repeated:
 * <ol>
 * <li>their record key is destroyed: every record of theirs on {@code practice-events}, in its
 * dead-letter topic and in any backup no longer opens, so neither the consumer nor a rebuild
 * can bring anything back; meanwhile nothing new is recorded for them (503);</li>
 * <li>their figures (every recent generation) and settings (goal, pauses) are deleted;</li>
 * <li>{@code person-erasures} tells session-service to delete their claims and sessions;</li>
 * <li>the erasure is finished: a later post starts a new key, a new person.</li>
 * </ol>
 * An erasure that stopped half-way (the instance died) is finished by any instance within a
 * minute. One audit line per erasure, with who asked and what went, and no health data.
 */
@ApplicationScoped
public class Erasure {

    static final Duration RESUME_AFTER = Duration.ofSeconds(30);
    private static final Logger AUDIT = Logger.getLogger("sukha.audit");

    private final PersonKeys keys;
    private final PersonDocuments documents;
    private final dev.sukha.insights.store.AccessLog access;
    private final ErasureNotices ledger;
    private final ChangeNotices changes;
    private final Clock clock = Clock.systemUTC();
    private ScheduledExecutorService timer;

    public Erasure(PersonKeys keys, PersonDocuments documents, dev.sukha.insights.store.AccessLog access,
                   ErasureNotices ledger, ChangeNotices changes) {
        this.ledger = ledger;
        this.changes = changes;
        this.keys = keys;
        this.documents = documents;
        this.access = access;
    }

    /** What an erasure answers: its id (for the audit trail) and when. */
    public record Receipt(String erasureId, Instant erasedAt) {
    }

    /** Erases the person; {@code by} is who asked (themselves, or an operator). The same answer whether they had data or not. */
    public Receipt erase(String user, String by) {
        Instant at = clock.instant();
        String erasureId = UUID.randomUUID().toString();
        String keyId = keys.destroy(user, at);
        complete(user, erasureId, by, at, keyId);
        return new Receipt(erasureId, at);
    }

    private void complete(String user, String erasureId, String by, Instant at, String keyId) {
        long figures = documents.deleteFigures(user);
        long settings = documents.deleteSettings(user);
        access.erase(user, erasureId, at);
        // Told at once: every instance forgets what it remembered of them, and their streams end.
        changes.erased(user);
        // The key destroyed (no health data: a random id) lets session-service delete what was sealed under it, also when
        // a store restored from before this erasure brings it back (the topic is the ledger of erasures).
        ledger.erased(user, erasureId, at, keyId);
        keys.finish(user);
        AUDIT.infof("erasure %s of person %s asked by %s: key destroyed, %d projection and %d settings documents deleted, "
                + "claims and sessions to go in session-service", erasureId, user, by.equals(user) ? "themselves" : by, figures, settings);
    }

    /**
     * An erasure from the ledger ({@code person-erasures}), applied again: where the store holds what it erased — a
     * store restored from a backup taken before it — the key is destroyed again and the person's figures, settings
     * and access records deleted, before this instance answers anything. A person who came back after it (a key made
     * later) keeps the new life. Returns whether anything was erased again.
     */
    public boolean reapply(String user, Instant erasedAt, String erasedKeyId, String erasureId) {
        boolean destroyed = keys.destroyIfPredating(user, erasedAt, erasedKeyId);
        // session-service, reading the same ledger, may have destroyed the key first: the erasure is then under way.
        if (!destroyed && !keys.erasing(user)) {
            return false;
        }
        long figures = documents.deleteFigures(user);
        long settings = documents.deleteSettings(user);
        access.erase(user, erasureId, erasedAt);
        changes.erased(user);
        keys.finish(user);
        AUDIT.infof("erasure %s of person %s applied again (the store held what it erased): key destroyed, %d projection and "
                + "%d settings documents deleted", erasureId, user, figures, settings);
        return true;
    }

    void start(@Observes StartupEvent event) {
        try {
            keys.ensureIndexes();
        } catch (RuntimeException e) {
            Log.warnf("Could not create the person keys' index (%s)", e.getMessage());
        }
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "erasure-resume");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::resume, RESUME_AFTER.toSeconds(), RESUME_AFTER.toSeconds(), TimeUnit.SECONDS);
    }

    /** Finishes erasures that stopped half-way (their key is already gone). */
    void resume() {
        try {
            for (String user : keys.unfinished(clock.instant().minus(RESUME_AFTER))) {
                complete(user, UUID.randomUUID().toString(), "resumed", clock.instant(), keys.erasedKeyId(user));
            }
        } catch (RuntimeException e) {
            Log.warnf("Resuming unfinished erasures failed (%s); next time", e.getMessage());
        }
    }

    void stop(@Observes ShutdownEvent event) {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
