package dev.sukha.session.api;

import dev.sukha.session.domain.EventType;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;


/**
 * The shapes of {@code POST /v1/events} as client developers see them in the OpenAPI document.
 * The resource reads the body itself (so that every error of a batch is reported by index
 * and field); these types only describe it, and {@code ApiDocumentsIT} (deploy/system-test) holds them to the
 * published event schema's vocabulary.
 */
final class EventDocs {

    private EventDocs() {
    }

    @Schema(name = "PracticeEvent", description = "One thing that happened while someone practised, as the app records it. "
            + "`routineId`, `routineVersion` and `zone` only on SESSION_STARTED; `step` only on POSE_*; `pain` only on "
            + "SESSION_STARTED (before) and SESSION_COMPLETED or SESSION_ABANDONED (after); `discomfort` only on "
            + "POSE_COMPLETED; `reason` only on POSE_SKIPPED.",
            requiredProperties = {"eventId", "type", "sessionId", "occurredAt"})
    record Event(
            @Schema(format = "uuid", description = "Chosen by the app; the idempotency key: sending the same event again is safe.",
                    example = "6f1c2a9e-4b7d-4c1e-9a53-2d8e7f0b1c44")
            String eventId,
            @Schema(description = "What happened.") EventType type,
            @Schema(format = "uuid", description = "Chosen by the app when the session starts; every event of the session carries it.",
                    example = "0b8d3f62-91a4-4e57-8c2b-5f6e7a8d9c10")
            String sessionId,
            @Schema(format = "date-time", description = "When it happened on the device, RFC 3339 with an offset; "
                    + "at most 5 minutes ahead and 60 days old.", example = "2026-11-25T07:30:00+01:00")
            String occurredAt,
            @Schema(description = "SESSION_STARTED: the routine practised (see routine-service).", example = "upper-back-release")
            String routineId,
            @Schema(description = "SESSION_STARTED: the routine's version; the latest when left out.", minimum = "1")
            Integer routineVersion,
            @Schema(description = "SESSION_STARTED: the IANA time zone the person practises in; it sets the session's local date.",
                    example = "Europe/Paris")
            String zone,
            @Schema(description = "POSE_STARTED, POSE_COMPLETED, POSE_SKIPPED: the index of the step in the routine version's steps.",
                    minimum = "0")
            Integer step,
            @Schema(description = "Pain per body area on a 0–10 scale: before (SESSION_STARTED) or after (SESSION_COMPLETED, "
                    + "SESSION_ABANDONED); at least one area when given.")
            Pain pain,
            @Schema(description = "POSE_COMPLETED, optional: how the pose felt, 0 (no discomfort) to 10 (the worst). "
                    + "It counts for the step's pose and side in the routine version practised.",
                    minimum = "0", maximum = "10", example = "3")
            Integer discomfort,
            @Schema(description = "POSE_SKIPPED, optional: why the pose was skipped (`pain` counts towards the pose's alert).",
                    type = SchemaType.STRING, enumeration = {"pain", "too_hard", "no_time", "other"}, example = "pain")
            String reason) {
    }

    @Schema(name = "PainRatings", description = "Pain 0 (none) to 10 (worst) per body area; rate the areas that hurt, leave the others out.",
            minProperties = 1)
    record Pain(@Schema(minimum = "0", maximum = "10") Integer neck,
                @Schema(minimum = "0", maximum = "10") Integer shoulders,
                @Schema(minimum = "0", maximum = "10", name = "upper_back") Integer upperBack,
                @Schema(minimum = "0", maximum = "10", name = "mid_back") Integer midBack,
                @Schema(minimum = "0", maximum = "10", name = "lower_back") Integer lowerBack,
                @Schema(minimum = "0", maximum = "10") Integer hips,
                @Schema(minimum = "0", maximum = "10") Integer knees,
                @Schema(minimum = "0", maximum = "10") Integer feet,
                @Schema(minimum = "0", maximum = "10") Integer wrists,
                @Schema(minimum = "0", maximum = "10") Integer jaw,
                @Schema(minimum = "0", maximum = "10") Integer chest,
                @Schema(minimum = "0", maximum = "10") Integer tailbone) {
    }

    static final String SESSION_EXAMPLE = """
            [
              {"eventId": "6f1c2a9e-4b7d-4c1e-9a53-2d8e7f0b1c44", "type": "SESSION_STARTED",
               "sessionId": "0b8d3f62-91a4-4e57-8c2b-5f6e7a8d9c10", "occurredAt": "2026-11-25T07:30:00+01:00",
               "routineId": "upper-back-release", "zone": "Europe/Paris", "pain": {"upper_back": 6, "neck": 4}},
              {"eventId": "a2c4e6f8-1b3d-4f5a-8c7e-9d0b1a2c3e4f", "type": "POSE_COMPLETED",
               "sessionId": "0b8d3f62-91a4-4e57-8c2b-5f6e7a8d9c10", "occurredAt": "2026-11-25T07:32:10+01:00", "step": 0,
               "discomfort": 3},
              {"eventId": "b3d5f7a9-2c4e-4a6b-9d8f-0e1c2b3d4f5a", "type": "POSE_SKIPPED",
               "sessionId": "0b8d3f62-91a4-4e57-8c2b-5f6e7a8d9c10", "occurredAt": "2026-11-25T07:34:00+01:00", "step": 1,
               "reason": "pain"},
              {"eventId": "c4e6a8b0-3d5f-4b7c-8e9a-1f2d3c4e5a6b", "type": "SESSION_COMPLETED",
               "sessionId": "0b8d3f62-91a4-4e57-8c2b-5f6e7a8d9c10", "occurredAt": "2026-11-25T07:48:00+01:00",
               "pain": {"upper_back": 3, "neck": 2}}
            ]""";

    static final String START_EXAMPLE = """
            [{"eventId": "6f1c2a9e-4b7d-4c1e-9a53-2d8e7f0b1c44", "type": "SESSION_STARTED",
              "sessionId": "0b8d3f62-91a4-4e57-8c2b-5f6e7a8d9c10", "occurredAt": "2026-11-25T07:30:00+01:00",
              "routineId": "upper-back-release", "zone": "Europe/Paris", "pain": {"upper_back": 6}}]""";

    static final String ACCEPTED_EXAMPLE = """
            {"results": [
              {"eventId": "6f1c2a9e-4b7d-4c1e-9a53-2d8e7f0b1c44", "status": "ACCEPTED"},
              {"eventId": "a2c4e6f8-1b3d-4f5a-8c7e-9d0b1a2c3e4f", "status": "DUPLICATE"}
            ]}""";

    static final String INVALID_EXAMPLE = """
            {"type": "https://sukha.dev/problems/validation", "title": "Invalid request", "status": 422,
             "detail": "2 problem(s) in the request; nothing was recorded",
             "errors": [
               {"index": 1, "field": "step", "message": "out of range: routine upper-back-release version 3 has steps 0 to 8"},
               {"index": 3, "field": "pain.elbow", "message": "unknown body area: use one of [neck, shoulders, upper_back, mid_back, lower_back, hips, knees, feet, wrists, jaw, chest, tailbone]"}
             ]}""";
}
