package dev.sukha.routine.domain;

import java.time.Instant;
import java.util.List;

/** A published, immutable version of a routine. */
public record Routine(String id, int version, String title, String summary, List<String> focus, String level,
                      List<String> space, int minutes, List<String> safety, List<Step> steps,
                      Instant publishedAt) {

    public static Routine freeze(RoutineDraft draft, int version, Instant at) {
        return new Routine(draft.id(), version, draft.title(), draft.summary(), draft.focus(), draft.level(),
                draft.space(), RoutineDuration.minutes(draft.steps()), draft.safety(), draft.steps(), at);
    }

    /** The content an editor wrote, to tell whether a draft differs from this version. */
    public RoutineDraft asDraft() {
        return new RoutineDraft(id, title, summary, focus, level, space, safety, steps);
    }

    public RoutineSummary toSummary() {
        return new RoutineSummary(id, version, title, focus, level, space, minutes);
    }

    public record RoutineSummary(String id, int version, String title, List<String> focus, String level,
                                 List<String> space, int minutes) {
    }
}
