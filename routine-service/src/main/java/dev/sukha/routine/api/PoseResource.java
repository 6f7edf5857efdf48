package dev.sukha.routine.api;

import dev.sukha.routine.catalogue.PoseLibrary;
import dev.sukha.routine.domain.Pose;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

import java.util.Collection;

@Path("/v1/poses")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "jwt")
public class PoseResource {

    private final PoseLibrary poses;

    public PoseResource(PoseLibrary poses) {
        this.poses = poses;
    }

    @GET
    @Operation(summary = "The pose library")
    public Collection<Pose> list() {
        return poses.all().values();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One pose")
    public Pose get(@PathParam("id") String id) {
        return poses.find(id).orElseThrow(() -> ProblemException.notFound("No pose '" + id + "'."));
    }
}
