package dev.sukha.session.api;

import dev.sukha.platform.fairuse.Budget;
import dev.sukha.platform.fairuse.Budgeted;
import dev.sukha.platform.problem.ProblemException;
import dev.sukha.platform.problem.Problem;
import com.fasterxml.jackson.databind.JsonNode;
import dev.sukha.session.usecase.Ingest;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

import java.util.ArrayList;
import java.util.List;

@Path("/v1/events")
@RolesAllowed("user")
@SecurityRequirement(name = "jwt")
@Tag(name = "events", description = "What the app records while someone practises.")
public class EventResource {

    public static final int MAX_BATCH = 500;

    private final Ingest ingest;
    private final JsonWebToken jwt;

    public EventResource(Ingest ingest, JsonWebToken jwt) {
        this.ingest = ingest;
        this.jwt = jwt;
    }

    /** The answer: one result per event, in the request's order. */
    @Schema(name = "EventResults", description = "One result per event, in the request's order.")
    public record Results(List<Result> results) {
    }

    @Schema(name = "EventResult", requiredProperties = {"eventId", "status"})
    public record Result(@Schema(format = "uuid") String eventId,
                         @Schema(enumeration = {"ACCEPTED", "DUPLICATE"},
                                 description = "`ACCEPTED`: recorded by this request; `DUPLICATE`: recorded before.")
                         String status) {
    }

    @POST
    @Budgeted(Budget.WRITES)
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "recordEvents", summary = "Record one event or a batch of up to 500",
            description = "Records what happened in a session, for the person the token belongs to. The batch is checked "
                    + "whole: if any event breaks a rule the answer is 422 listing every error by `index` and `field`, and "
                    + "nothing is recorded. 202 means every event is durably on the event log. Sending the same events "
                    + "again is always safe: what is recorded already comes back `DUPLICATE`. A session's events may come "
                    + "in any order and in any number of requests, but its SESSION_STARTED must be recorded before, or be "
                    + "in the same batch.")
    // Documented as an array only: generators cannot build a working type for "an object or an
    // array of them" (openapi-generator's Java oneOf wrapper does not compile), and an array of one is the same request.
    @RequestBody(required = true, description = "An array of 1 to 500 events, in any order. (A single event object, "
            + "not in an array, is accepted too.)", content = @Content(
            mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.ARRAY,
                    implementation = EventDocs.Event.class, minItems = 1, maxItems = MAX_BATCH),
            examples = {
                    @ExampleObject(name = "session", summary = "A whole session, synced at once", value = EventDocs.SESSION_EXAMPLE),
                    @ExampleObject(name = "start", summary = "A session starting, sent online", value = EventDocs.START_EXAMPLE)}))
    @APIResponse(responseCode = "202", description = "Every event is on the event log: new ones `ACCEPTED`, the rest `DUPLICATE`.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Results.class),
                    examples = @ExampleObject(name = "recorded", value = EventDocs.ACCEPTED_EXAMPLE)))
    @APIResponse(responseCode = "403", description = "An event belongs to a session of another person.")
    @APIResponse(responseCode = "413", description = "More than 500 events, or a body over 1 MB.")
    @APIResponse(responseCode = "422", description = "Some events break rules; every error by `index` and `field`; nothing was recorded.",
            content = @Content(mediaType = Problem.MEDIA_TYPE,
                    schema = @Schema(ref = "#/components/schemas/Problem"),
                    examples = @ExampleObject(name = "invalid", value = EventDocs.INVALID_EXAMPLE)))
    public Response record(@Parameter(hidden = true) JsonNode body) {
        List<JsonNode> events = new ArrayList<>();
        if (body == null || body.isMissingNode() || body.isNull()) {
            throw ProblemException.badRequest("Send one event object or an array of events.");
        } else if (body.isArray()) {
            body.forEach(events::add);
        } else if (body.isObject()) {
            events.add(body);
        } else {
            throw ProblemException.badRequest("Send one event object or an array of events.");
        }
        if (events.isEmpty()) {
            throw ProblemException.badRequest("The batch is empty: send at least one event.");
        }
        if (events.size() > MAX_BATCH) {
            throw new ProblemException(Problem.of(413, "too-many-events", "Payload Too Large",
                    "A batch holds at most " + MAX_BATCH + " events; this one has " + events.size()
                            + ". Split it; resending events is safe."));
        }
        List<Result> results = ingest.record(jwt.getSubject(), events).stream()
                .map(r -> new Result(r.eventId(), r.status().name())).toList();
        return Response.accepted(new Results(results)).build();
    }
}
