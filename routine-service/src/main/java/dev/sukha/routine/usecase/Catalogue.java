package dev.sukha.routine.usecase;

import dev.sukha.routine.domain.FieldError;
import dev.sukha.routine.domain.Routine;
import dev.sukha.routine.domain.RoutineDraft;
import dev.sukha.routine.domain.RoutineRules;
import dev.sukha.routine.domain.Step;
import dev.sukha.routine.store.RoutineStore;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * Drafts and publishing. A version is stored first, then announced on Kafka; until
 * the broker acknowledges it, it stays marked unannounced, and both a retried
 * publish and {@link OutboxRetry} announce it again. No version is silently left
 * unannounced.
 */
@ApplicationScoped
public class Catalogue {

    private final RoutineStore store;
    private final PoseLibrary poses;
    private final Announcements announcer;
    private final Clock clock;

    public Catalogue(RoutineStore store, PoseLibrary poses, Announcements announcer) {
        this.store = store;
        this.poses = poses;
        this.announcer = announcer;
        this.clock = Clock.systemUTC();
    }

    public List<FieldError> check(RoutineDraft draft) {
        return RoutineRules.check(draft, poses.all());
    }

    /** Outcome of a publish: the version, and whether this call created it. */
    public record Published(Routine routine, boolean created) {
    }

    /**
     * Freezes the draft as the next version and announces it.
     *
     * @throws NothingToPublish      when the draft equals the latest version, already announced
     * @throws Invalid               when the draft breaks a rule
     * @throws Announcements.NotAnnounced when the broker did not acknowledge (the version is kept)
     */
    public Published publish(String id) {
        RoutineDraft draft = store.draft(id).orElseThrow(() -> new NoDraft(id));
        Optional<Routine> latest = store.latest(id);
        if (latest.isPresent() && latest.get().asDraft().equals(draft)) {
            Routine routine = latest.get();
            if (store.announced(id, routine.version())) {
                throw new NothingToPublish(routine);
            }
            announcePending(id);
            return new Published(routine, false);
        }
        List<FieldError> errors = check(draft);
        if (!errors.isEmpty()) {
            throw new Invalid(errors);
        }
        int next = latest.map(r -> r.version() + 1).orElse(1);
        Routine routine = Routine.freeze(draft, next, Instant.now(clock).truncatedTo(ChronoUnit.MILLIS));
        if (!store.insertVersion(routine)) {
            throw new Conflict(id, next);
        }
        Log.infof("Published routine %s version %d", id, next);
        announcePending(id);
        return new Published(routine, true);
    }

    /**
     * Announces, oldest first, every stored version of a routine that the broker has not
     * acknowledged. Serialized here so a retried publish and the background retry do not
     * both send; across instances a version may be announced twice, which consumers absorb.
     */
    public synchronized void announcePending(String id) {
        List<RoutineStore.StoredVersion> versions = store.history(id);
        List<Routine> history = versions.stream().map(RoutineStore.StoredVersion::routine).toList();
        for (RoutineStore.StoredVersion stored : versions) {
            if (!stored.announced()) {
                Routine routine = stored.routine();
                List<Routine> upTo = history.stream().filter(h -> h.version() <= routine.version()).toList();
                announcer.announce(routine, upTo, poses::find);
                store.markAnnounced(id, routine.version(), Instant.now(clock), announcer.shape());
                Log.infof("Announced routine %s version %d on %s", id, routine.version(), announcer.destination());
            }
        }
    }

    public static class NoDraft extends RuntimeException {
        public NoDraft(String id) {
            super("There is no draft of routine '" + id + "' to publish.");
        }
    }

    public static class NothingToPublish extends RuntimeException {
        public NothingToPublish(Routine latest) {
            super("The draft is identical to the published version " + latest.version() + "; change it before publishing again.");
        }
    }

    public static class Conflict extends RuntimeException {
        public Conflict(String id, int version) {
            super("Version " + version + " of routine '" + id + "' was published by someone else just now; try again.");
        }
    }

    public static class Invalid extends RuntimeException {
        private final transient List<FieldError> errors;

        public Invalid(List<FieldError> errors) {
            super("The routine breaks " + errors.size() + " rule(s).");
            this.errors = errors;
        }

        public List<FieldError> errors() {
            return errors;
        }
    }
}
