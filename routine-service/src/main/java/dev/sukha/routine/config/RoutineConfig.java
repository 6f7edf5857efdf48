package dev.sukha.routine.config;

import io.smallrye.config.ConfigMapping;

import java.time.Duration;

/** routine-service's own settings ({@code sukha.*} in application.properties, or the environment). */
@ConfigMapping(prefix = "sukha")
public interface RoutineConfig {

    Announce announce();

    Outbox outbox();

    interface Announce {
        /** How long a publish waits for Kafka to acknowledge the new version before it answers 503. */
        Duration timeout();
    }

    interface Outbox {
        /** How often versions whose announcement failed are announced again (the schedule reads the key itself). */
        Duration retryEvery();
    }
}
