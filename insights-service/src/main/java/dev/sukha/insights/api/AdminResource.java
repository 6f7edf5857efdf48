package dev.sukha.insights.api;

import dev.sukha.platform.fairuse.Budget;
import dev.sukha.platform.fairuse.Budgeted;
import dev.sukha.insights.usecase.AccessRecords;
import dev.sukha.insights.usecase.Rebuild;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

@Path("/v1/admin/rebuild")
@RolesAllowed("operator")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "jwt")
@Tag(name = "operators", description = "Any person's figures, and the projection's upkeep; operators only.")
public class AdminResource {

    private final Rebuild rebuild;
    private final AccessRecords access;
    private final org.eclipse.microprofile.jwt.JsonWebToken jwt;

    public AdminResource(Rebuild rebuild, AccessRecords access, org.eclipse.microprofile.jwt.JsonWebToken jwt) {
        this.rebuild = rebuild;
        this.access = access;
        this.jwt = jwt;
    }

    @POST
    @Budgeted(Budget.OPERATORS)
    @Consumes(MediaType.WILDCARD)
    @Operation(operationId = "startRebuild", summary = "Recompute every projection from the event log",
            description = "Rebuilds every person's figures from the start of the event log into a new generation while reads "
                    + "go on against the live one, then switches. Answers the progress; starting while one runs answers that "
                    + "one." + Params.OPERATORS)
    @APIResponse(responseCode = "202", description = "The rebuild runs.", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RebuildStatus.class)))
    @APIResponse(responseCode = "403", description = "Not an operator.")
    public Response start() {
        // A rebuild recomputes everyone's figures from their events: on every person's access log.
        access.recordForEveryone(jwt.getSubject(), "POST /v1/admin/rebuild");
        return Response.accepted(RebuildStatus.of(rebuild.start())).build();
    }

    @GET
    @Budgeted(Budget.OPERATORS)
    @Operation(operationId = "getRebuild", summary = "The rebuild's progress",
            description = "The last rebuild's state (IDLE, RUNNING, DONE, FAILED) and how many records it read of how many."
                    + Params.OPERATORS)
    @APIResponse(responseCode = "200", description = "The progress.")
    @APIResponse(responseCode = "403", description = "Not an operator.")
    public RebuildStatus status() {
        return RebuildStatus.of(rebuild.status());
    }

    @Schema(name = "RebuildStatus", description = "A rebuild's progress.", requiredProperties = {"state", "processed", "total", "skipped"})
    public record RebuildStatus(
            @Schema(type = SchemaType.STRING, enumeration = {"IDLE", "RUNNING", "DONE", "FAILED"}) String state,
            @Schema(description = "The generation being built, or last built.") String target,
            Instant startedAt,
            Instant finishedAt,
            @Schema(description = "Event records read so far.") long processed,
            @Schema(description = "Event records on the log when it started.") long total,
            @Schema(description = "Records that could not be read, sent to the dead-letter topic.") long skipped,
            @Schema(description = "Why it failed, when it did.") String error) {

        static RebuildStatus of(Rebuild.Status s) {
            return new RebuildStatus(s.state(), s.target(), s.startedAt(), s.finishedAt(), s.processed(), s.total(),
                    s.skipped(), s.error());
        }
    }
}
