package dev.sukha.stack;

import org.apache.kafka.clients.admin.NewTopic;

import java.util.List;
import java.util.Map;

/** The topics of the system, as the local stack creates them (deploy/k8s declares the same). */
public final class Topics {
    public static final String ROUTINES = "routines";
    /** The catalogue's programmes (compacted, keyed by programme id). */
    public static final String PROGRAMMES = "programmes";
    public static final String PRACTICE_EVENTS = "practice-events";
    public static final String PRACTICE_EVENTS_DLQ = "practice-events-dlq";
    public static final String ROUTINES_DLQ = "routines-dlq";
    /** Erasures (user id, key id, when; no health data): the ledger every service applies, also after a restore. */
    public static final String PERSON_ERASURES = "person-erasures";
    /** An operator's look at a person's data in a service other than insights (no health data), for the access log. */
    public static final String ACCESS_RECORDS = "access-records";
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
                new NewTopic(PROGRAMMES, 1, (short) 1).configs(Map.of(
                        "cleanup.policy", "compact")),
                new NewTopic(PRACTICE_EVENTS, PRACTICE_EVENTS_PARTITIONS, (short) 1).configs(Map.of(
                        "cleanup.policy", "delete",
                        "retention.ms", "-1")),
                new NewTopic(PRACTICE_EVENTS_DLQ, 1, (short) 1),
                new NewTopic(ROUTINES_DLQ, 1, (short) 1),
                // The ledger of every erasure: each person's latest is kept for ever, so a store restored from any backup
                // can apply again what was erased since (only the user id, the key id and when: no health data).
                new NewTopic(PERSON_ERASURES, 3, (short) 1).configs(Map.of(
                        "cleanup.policy", "compact", "retention.ms", "-1")),
                // Kept by insights in the access log as it reads them: a week gives it time to catch up.
                new NewTopic(ACCESS_RECORDS, 3, (short) 1).configs(Map.of(
                        "retention.ms", String.valueOf(java.time.Duration.ofDays(7).toMillis()))),
                // Read live by every instance, never replayed: an hour is plenty.
                new NewTopic(FIGURE_CHANGES, 3, (short) 1).configs(Map.of(
                        "retention.ms", String.valueOf(java.time.Duration.ofHours(1).toMillis()))));
    }
}
