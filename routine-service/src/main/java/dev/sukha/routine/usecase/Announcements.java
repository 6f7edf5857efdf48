package dev.sukha.routine.usecase;

import dev.sukha.routine.domain.Pose;
import dev.sukha.routine.domain.Routine;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where published versions are announced (implemented by messaging's {@code RoutineAnnouncer} on the
 * {@code routines} topic): owned here so that the catalogue never imports the messaging that carries it.
 */
public interface Announcements {

    /**
     * Announces {@code routine} with the versions published up to it and the poses it uses, as {@code library} names
     * them; returns once the broker acknowledged it.
     *
     * @throws NotAnnounced when it was not acknowledged in time (the version stays to announce later)
     */
    void announce(Routine routine, List<Routine> versionsUpTo, Function<String, Optional<Pose>> library);

    /** The shape announcements are made in now: a version announced in an older one is announced again at start. */
    int shape();

    /** Where they go, for the log. */
    String destination();

    /** The broker did not acknowledge a version in time. */
    class NotAnnounced extends RuntimeException {
        public NotAnnounced(Routine routine, Throwable cause) {
            super("Routine " + routine.id() + " version " + routine.version() + " was not acknowledged by Kafka", cause);
        }
    }
}
