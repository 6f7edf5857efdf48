package dev.sukha.insights.api;

import dev.sukha.insights.usecase.Rebuild;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

@Path("/v1/admin/rebuild")
@RolesAllowed("operator")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "jwt")
public class AdminResource {

    private final Rebuild rebuild;

    public AdminResource(Rebuild rebuild) {
        this.rebuild = rebuild;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Recompute every projection from the start of practice-events, while reads go on (operators)")
    public Response start() {
        return Response.accepted(rebuild.start()).build();
    }

    @GET
    @Operation(summary = "The rebuild's progress (operators)")
    public Rebuild.Status status() {
        return rebuild.status();
    }
}
