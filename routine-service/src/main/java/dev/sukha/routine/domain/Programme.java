package dev.sukha.routine.domain;

import java.time.Instant;
import java.util.List;

/** A published, immutable version of a programme. */
public record Programme(String id, int version, String title, String summary, List<String> areas,
                        List<ProgrammeDraft.Stage> stages, Instant publishedAt) {

    public static Programme freeze(ProgrammeDraft draft, int version, Instant at) {
        return new Programme(draft.id(), version, draft.title(), draft.summary(), draft.areas(), draft.stages(), at);
    }

    /** The content written, to tell whether a shipped programme differs from this version. */
    public ProgrammeDraft asDraft() {
        return new ProgrammeDraft(id, title, summary, areas, stages);
    }

    public Summary toSummary() {
        return new Summary(id, version, title, summary, areas, stages.size());
    }

    public record Summary(String id, int version, String title, String summary, List<String> areas, int stages) {
    }
}
