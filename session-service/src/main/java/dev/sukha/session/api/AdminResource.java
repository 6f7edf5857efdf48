package dev.sukha.session.api;

import dev.sukha.platform.fairuse.Budget;
import dev.sukha.platform.fairuse.Budgeted;
import dev.sukha.session.usecase.SealMigration;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The one-time migration that seals every plain record on the topics; operators only. */
@Path("/v1/admin/migrations/seal-records")
@RolesAllowed("operator")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "jwt")
@Tag(name = "operators", description = "Upkeep of the event log; operators only.")
public class AdminResource {

    private final SealMigration migration;

    public AdminResource(SealMigration migration) {
        this.migration = migration;
    }

    @POST
    @Budgeted(Budget.OPERATORS)
    @Operation(operationId = "startSealMigration", summary = "Seal every plain record on the topics",
            description = "Copies every record written before records were sealed (practice-events and its dead-letter topic) "
                    + "after the end of the log, sealed with its person's key (an erased person's are not copied), then deletes "
                    + "everything below the offsets it started from. Runs in the background; starting it again resumes a "
                    + "stopped one, and a finished one stays finished.")
    @APIResponse(responseCode = "202", description = "Running, or done.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SealMigration.Status.class)))
    @APIResponse(responseCode = "403", description = "Not an operator.")
    public Response start() {
        return Response.accepted(migration.start()).build();
    }

    @GET
    @Budgeted(Budget.OPERATORS)
    @Operation(operationId = "getSealMigration", summary = "Where the sealing migration stands",
            description = "Its state (RUNNING, DONE), records read, sealed, copied as they were and not copied, and the "
                    + "error that stopped it, if one did.")
    @APIResponse(responseCode = "200", description = "The migration.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SealMigration.Status.class)))
    @APIResponse(responseCode = "403", description = "Not an operator.")
    @APIResponse(responseCode = "404", description = "Never started.")
    public SealMigration.Status status() {
        return migration.status().orElseThrow(() -> dev.sukha.platform.problem.ProblemException.notFound("The sealing migration was never started."));
    }
}
