package dev.sukha.session.api;

import dev.sukha.platform.problem.ProblemException;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The benchmark's baseline: a POST that authenticates and reads a JSON body like
 * {@code /v1/events} and does nothing else. Off (404) unless {@code sukha.bench.endpoints=true}.
 */
@Path("/v1/bench/noop")
@Authenticated
public class BenchResource {

    private final boolean enabled;

    public BenchResource(dev.sukha.session.config.SessionConfig config) {
        this.enabled = config.bench().endpoints();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(hidden = true)
    public Response noop(JsonNode body) {
        if (!enabled) {
            throw ProblemException.notFound("There is nothing at this address.");
        }
        return Response.accepted("{\"results\":[]}").build();
    }
}
