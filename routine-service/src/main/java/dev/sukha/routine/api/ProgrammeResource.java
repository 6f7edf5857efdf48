package dev.sukha.routine.api;

import dev.sukha.routine.domain.Programme;
import dev.sukha.routine.usecase.Programmes;
import dev.sukha.platform.problem.ProblemException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.Comparator;
import java.util.List;

/** The catalogue's programmes: stages of routines from gentle to stronger, each version published like a routine's. */
@Path("/v1/programmes")
@RolesAllowed({"user", "editor", "operator"})
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "jwt")
@Tag(name = "programmes", description = "Programmes: stages of routines from gentle to stronger, for a body area.")
public class ProgrammeResource {

    private static final String PROGRAMME_ID = "The programme's id, a slug like `upper-back`.";

    private final Programmes programmes;

    public ProgrammeResource(Programmes programmes) {
        this.programmes = programmes;
    }

    @GET
    @Operation(operationId = "listProgrammes", summary = "Every programme",
            description = "A summary of the latest published version of each programme, by id.")
    @APIResponse(responseCode = "200", description = "The programmes.")
    public List<Programme.Summary> list() {
        return programmes.all().stream().sorted(Comparator.comparing(Programme::id)).map(Programme::toSummary).toList();
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getProgramme", summary = "A programme, whole",
            description = "The latest published version: its areas and its stages, each with its routines and the variant "
                    + "(`GENTLER` or `FULL`) each listed pose starts on; a pose not listed starts in full.")
    @APIResponse(responseCode = "200", description = "The programme.")
    @APIResponse(responseCode = "404", description = "No published programme with this id.")
    public Programme latest(@Parameter(description = PROGRAMME_ID) @PathParam("id") String id) {
        return programmes.latest(id).orElseThrow(() -> ProblemException.notFound("No published programme '" + id + "'."));
    }

    @GET
    @Path("/{id}/versions/{n}")
    @Operation(operationId = "getProgrammeVersion", summary = "One version of a programme",
            description = "A published version, as it was published: versions never change.")
    @APIResponse(responseCode = "200", description = "The version.")
    @APIResponse(responseCode = "400", description = "A version that is not a whole number.")
    @APIResponse(responseCode = "404", description = "No such programme or version.")
    public Programme version(@Parameter(description = PROGRAMME_ID) @PathParam("id") String id,
                             @Parameter(description = "The version number, from 1.") @PathParam("n") String n) {
        int version;
        try {
            version = Integer.parseInt(n);
        } catch (NumberFormatException e) {
            throw ProblemException.badRequest("The version is a whole number, from 1.");
        }
        return programmes.version(id, version)
                .orElseThrow(() -> ProblemException.notFound("No version " + version + " of programme '" + id + "'."));
    }
}
