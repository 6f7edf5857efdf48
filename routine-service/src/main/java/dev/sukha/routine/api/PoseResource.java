package dev.sukha.routine.api;

import dev.sukha.platform.problem.ProblemException;
import dev.sukha.routine.usecase.PoseLibrary;
import dev.sukha.routine.domain.Pose;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

import java.util.Collection;

@Path("/v1/poses")
@RolesAllowed({"user", "editor", "operator"})
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "jwt")
@Tag(name = "poses", description = "The pose library the routines' steps are made of.")
public class PoseResource {

    private final PoseLibrary poses;

    public PoseResource(PoseLibrary poses) {
        this.poses = poses;
    }

    @GET
    @Operation(operationId = "listPoses", summary = "The pose library",
            description = "Every pose: its names, the body areas it works, whether it is done per side, cues, cautions and options.")
    @APIResponse(responseCode = "200", description = "The poses.")
    public Collection<Pose> list() {
        return poses.all().values();
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getPose", summary = "One pose", description = "A pose of the library, by its id.")
    @APIResponse(responseCode = "200", description = "The pose.")
    @APIResponse(responseCode = "404", description = "No pose with this id.")
    public Pose get(@Parameter(description = "The pose's id, a slug like `thread-the-needle`.") @PathParam("id") String id) {
        return poses.find(id).orElseThrow(() -> ProblemException.notFound("No pose '" + id + "'."));
    }
}
