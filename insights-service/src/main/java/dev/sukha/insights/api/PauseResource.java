package dev.sukha.insights.api;

import dev.sukha.insights.domain.Figure;
import dev.sukha.platform.fairuse.Budget;
import dev.sukha.platform.fairuse.Budgeted;
import dev.sukha.insights.domain.Pause;
import dev.sukha.insights.usecase.Figures;
import dev.sukha.platform.problem.ProblemException;
import dev.sukha.platform.problem.PublicLinks;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/** The signed-in person's pauses: days of rest (a flare, an illness, a trip) that keep the streak. */
@Path("/v1/me/pauses")
@RolesAllowed("user")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "jwt")
@Tag(name = "me", description = "The signed-in person's own figures, in their own calendar.")
public class PauseResource {

    private final Figures figures;
    private final JsonWebToken jwt;
    private final PublicLinks links;

    public PauseResource(Figures figures, JsonWebToken jwt, PublicLinks links) {
        this.links = links;
        this.figures = figures;
        this.jwt = jwt;
    }

    /** A pause as sent: dates as text, so that a wrong one is a 422 that names its field. */
    @Schema(name = "NewPause", requiredProperties = {"from", "to"})
    public record NewPause(
            @Schema(format = "date", description = "First paused day, in the person's zone; at most 7 days before today.",
                    example = "2026-11-20") String from,
            @Schema(format = "date", description = "Last paused day, included; at most 90 days after `from` and after today.",
                    example = "2026-11-24") String to,
            @Schema(enumeration = {"flare", "illness", "travel", "other"}, description = "Why; optional.") String reason) {
    }

    @Schema(name = "Pause")
    public record PauseView(@Schema(required = true) String id,
                            @Schema(required = true, format = "date") String from,
                            @Schema(required = true, format = "date") String to,
                            @Schema(enumeration = {"flare", "illness", "travel", "other"}) String reason) {
        static PauseView of(Pause p) {
            return new PauseView(p.id(), p.from().toString(), p.to().toString(), p.reason());
        }
    }

    static List<PauseView> views(List<Pause> pauses) {
        return pauses.stream().map(PauseView::of).toList();
    }

    @POST
    @Budgeted(Budget.WRITES)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "pauseMe", summary = "Pause: rest without losing the streak",
            description = "Days from `from` to `to` (local dates, both included) become paused: a paused day — one in a pause "
                    + "with no practice on it — neither counts towards the streak nor breaks it, and lowers that week's goal "
                    + "to `min(goal, 7 − paused days)`. `from` may be up to 7 days back (flares are not planned); `to` at "
                    + "most 90 days after `from` and after today. Overlapping pauses count once.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = NewPause.class),
            examples = @ExampleObject(name = "flare", value = "{\"from\": \"2026-11-20\", \"to\": \"2026-11-24\", \"reason\": \"flare\"}")))
    @APIResponse(responseCode = "201", description = "Kept; `Location` is its address.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PauseView.class)))
    @APIResponse(responseCode = "422", description = "A date missing, malformed or out of the limits, or an unknown reason; "
            + "every error by field; nothing was kept.")
    public Response pause(NewPause body, @Parameter(description = Params.ZONE) @QueryParam("zone") String zone) {
        if (body == null) {
            throw ProblemException.badRequest("Send {\"from\": \"2026-11-20\", \"to\": \"2026-11-24\", \"reason\": \"flare\"}.");
        }
        Pause pause = figures.pause(jwt.getSubject(), body.from(), body.to(), body.reason(), zone);
        return Response.status(201).header("Location", links.to("/v1/me/pauses/" + pause.id())).entity(PauseView.of(pause)).build();
    }

    @GET
    @Tagged(Figure.PAUSES)
    @Budgeted(Budget.READS)
    @Operation(operationId = "listMyPauses", summary = "My pauses", description = "Every pause kept, earliest first.")
    @APIResponse(responseCode = "200", description = "The pauses.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(type = SchemaType.ARRAY, implementation = PauseView.class)))
    public List<PauseView> list() {
        return views(figures.pauses(jwt.getSubject()));
    }

    @DELETE
    @Budgeted(Budget.WRITES)
    @Path("/{id}")
    @Operation(operationId = "endMyPause", summary = "End a pause",
            description = "Ends the pause today: the days already rested stay paused, the rest is dropped. A pause that has "
                    + "not started yet, starts today, or is over is removed whole.")
    @APIResponse(responseCode = "204", description = "Ended.")
    @APIResponse(responseCode = "404", description = "No pause of yours has this id.")
    public void end(@Parameter(description = "The pause's id.") @PathParam("id") String id,
                    @Parameter(description = Params.ZONE) @QueryParam("zone") String zone) {
        figures.endPause(jwt.getSubject(), id, zone);
    }
}
