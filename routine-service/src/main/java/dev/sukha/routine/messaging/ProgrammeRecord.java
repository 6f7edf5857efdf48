package dev.sukha.routine.messaging;

import dev.sukha.routine.domain.Programme;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The value of a record on the compacted {@code programmes} topic, keyed by programme id: the whole published version,
 * its stages numbered from 1. Schema: {@code schemas/programme-record.v1.json}.
 */
public record ProgrammeRecord(int schemaVersion, String id, int version, String title, String summary, List<String> areas,
                              List<StageRef> stages, Instant publishedAt) {

    public static final int SCHEMA_VERSION = 1;

    public record StageRef(int stage, String title, String summary, List<String> routines, Map<String, String> variants) {
    }

    public static ProgrammeRecord of(Programme p) {
        List<StageRef> stages = new java.util.ArrayList<>();
        for (int i = 0; i < p.stages().size(); i++) {
            var s = p.stages().get(i);
            stages.add(new StageRef(i + 1, s.title(), s.summary(), s.routines(), s.variants()));
        }
        return new ProgrammeRecord(SCHEMA_VERSION, p.id(), p.version(), p.title(), p.summary(), p.areas(), stages, p.publishedAt());
    }
}
