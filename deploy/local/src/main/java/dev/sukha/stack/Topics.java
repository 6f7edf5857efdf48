package dev.sukha.stack;

import org.apache.kafka.clients.admin.NewTopic;

import java.util.List;
import java.util.Map;

/** The topics of the system, as the local stack creates them (deploy/k8s declares the same). */
public final class Topics {
    public static final String ROUTINES = "routines";
    public static final String PRACTICE_EVENTS = "practice-events";
    public static final String PRACTICE_EVENTS_DLQ = "practice-events-dlq";
    public static final String ROUTINES_DLQ = "routines-dlq";
    /** Erasures (user id, no health data), for the services that keep something of a person. */
    public static final String PERSON_ERASURES = "person-erasures";
    /** That a person's figures changed (who, which figures; nothing personal), for every insights instance's streams. */
    public static final String FIGURE_CHANGES = "figure-changes";

    /** Partitions of practice-events: the most consumers of one group that can share the work. */
    public static final int PRACTICE_EVENTS_PARTITIONS = 6;

    private Topics() {
    }

    static List<NewTopic> all() {
        return List.of(
                new NewTopic(ROUTINES, 3, (short) 1).configs(Map.of(
                        "cleanup.policy", "compact")),
                new NewTopic(PRACTICE_EVENTS, PRACTICE_EVENTS_PARTITIONS, (short) 1).configs(Map.of(
                        "cleanup.policy", "delete",
                        "retention.ms", "-1")),
                new NewTopic(PRACTICE_EVENTS_DLQ, 1, (short) 1),
                new NewTopic(ROUTINES_DLQ, 1, (short) 1),
                new NewTopic(PERSON_ERASURES, 3, (short) 1).configs(Map.of(
                        "retention.ms", String.valueOf(java.time.Duration.ofDays(30).toMillis()))),
                // Read live by every instance, never replayed: an hour is plenty.
                new NewTopic(FIGURE_CHANGES, 3, (short) 1).configs(Map.of(
                        "retention.ms", String.valueOf(java.time.Duration.ofHours(1).toMillis()))));
    }
}
