package dev.sukha.routine.messaging;

import dev.sukha.routine.domain.Routine;
import dev.sukha.routine.domain.Step;

import java.time.Instant;
import java.util.List;

/**
 * The value of a record on the compacted {@code routines} topic, keyed by routine id:
 * the whole published version, plus the step count of every version published so
 * far. Compaction keeps only the newest record of a routine, so {@code versions}
 * is what lets a consumer rebuild its view of older versions from the topic alone.
 * Schema: {@code schemas/routine-record.v1.json}.
 */
public record RoutineRecord(int schemaVersion, String id, int version, String title, String summary,
                            List<String> focus, String level, List<String> space, int minutes,
                            List<String> safety, List<Step> steps, Instant publishedAt,
                            List<VersionRef> versions) {

    public static final int SCHEMA_VERSION = 1;

    public record VersionRef(int version, int stepCount) {
    }

    public static RoutineRecord of(Routine r, List<VersionRef> versions) {
        return new RoutineRecord(SCHEMA_VERSION, r.id(), r.version(), r.title(), r.summary(), r.focus(), r.level(),
                r.space(), r.minutes(), r.safety(), r.steps(), r.publishedAt(), versions);
    }
}
