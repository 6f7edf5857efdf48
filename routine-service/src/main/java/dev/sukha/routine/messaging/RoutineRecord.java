package dev.sukha.routine.messaging;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.sukha.routine.domain.Intensity;
import dev.sukha.routine.domain.Option;
import dev.sukha.routine.domain.Pose;
import dev.sukha.routine.domain.Routine;
import dev.sukha.routine.domain.Step;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The value of a record on the compacted {@code routines} topic, keyed by routine id:
 * the whole published version, plus every version published so far in short (its steps'
 * poses, sides and gentler options), and the library's name and body areas of each pose
 * it uses. Compaction keeps only the newest record of a routine, so {@code versions}
 * is what lets a consumer rebuild its view of older versions from the topic alone.
 * Schema: {@code schemas/routine-record.v1.json}.
 */
public record RoutineRecord(int schemaVersion, String id, int version, String title, String summary,
                            List<String> focus, String level, List<String> space, int minutes,
                            List<String> safety, List<Step> steps, Instant publishedAt,
                            List<VersionRef> versions, List<PoseRef> poses) {

    public static final int SCHEMA_VERSION = 1;
    /**
     * The record's shape within schema version 1: 2 added versions' steps and the poses. A
     * routine announced in an older shape is announced again at start (consumers take a
     * version twice alike), so they learn what the newer shape carries.
     */
    public static final int SHAPE = 2;

    /** A version published so far: its step count, and each step's pose, side and gentler option. */
    public record VersionRef(int version, int stepCount, List<StepRef> steps) {

        /** @param library the pose library, for the gentler option a step takes from its pose */
        public static VersionRef of(Routine r, Function<String, Optional<Pose>> library) {
            return new VersionRef(r.version(), r.steps().size(),
                    r.steps().stream().map(step -> StepRef.of(step, library.apply(step.pose()).orElse(null))).toList());
        }
    }

    /**
     * What a practice event needs of a step: which pose, which side, and the label of the gentler
     * option offered there — the step's own, else its pose's in the library — if there is one.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record StepRef(String pose, String side, String gentler) {

        public static StepRef of(Step step, Pose pose) {
            return new StepRef(step.pose(), step.side(), gentler(step.options())
                    .or(() -> pose == null ? Optional.empty() : gentler(pose.options())).orElse(null));
        }

        private static Optional<String> gentler(List<Option> options) {
            return options == null ? Optional.empty() : options.stream()
                    .filter(o -> Intensity.GENTLER.wire().equals(o.intensity())).map(Option::label).findFirst();
        }
    }

    /** A pose the routine uses, as the library names it: consumers show names and body areas without the library. */
    public record PoseRef(String id, String name, List<String> areas) {

        public static PoseRef of(Pose p) {
            return new PoseRef(p.id(), p.name(), p.areas());
        }
    }

    public static RoutineRecord of(Routine r, List<VersionRef> versions, List<PoseRef> poses) {
        return new RoutineRecord(SCHEMA_VERSION, r.id(), r.version(), r.title(), r.summary(), r.focus(), r.level(),
                r.space(), r.minutes(), r.safety(), r.steps(), r.publishedAt(), versions, poses);
    }
}
