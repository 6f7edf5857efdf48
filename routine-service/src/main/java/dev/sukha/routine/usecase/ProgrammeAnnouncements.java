package dev.sukha.routine.usecase;

import dev.sukha.routine.domain.Programme;

/**
 * Where published programme versions are announced (implemented by messaging's {@code ProgrammeAnnouncer} on the
 * compacted {@code programmes} topic).
 */
public interface ProgrammeAnnouncements {

    /**
     * Announces a version; returns once the broker acknowledged it.
     *
     * @throws NotAnnounced when it was not acknowledged in time (the version stays to announce later)
     */
    void announce(Programme programme);

    class NotAnnounced extends RuntimeException {
        public NotAnnounced(Programme p, Throwable cause) {
            super("Programme " + p.id() + " version " + p.version() + " was not acknowledged by Kafka", cause);
        }
    }
}
