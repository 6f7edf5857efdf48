package dev.sukha.insights.api;

import dev.sukha.platform.problem.ProblemException;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.Map;

/**
 * The benchmark's baseline: a GET that authenticates like {@code /v1/me/...} and reads
 * nothing. Off (404) unless {@code sukha.bench.endpoints=true}.
 */
@Path("/v1/bench/noop")
@Authenticated
public class BenchResource {

    private final boolean enabled;
    private final JsonWebToken jwt;

    public BenchResource(dev.sukha.insights.config.InsightsConfig config,
                         JsonWebToken jwt) {
        this.enabled = config.bench().endpoints();
        this.jwt = jwt;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(hidden = true)
    public Map<String, String> noop() {
        if (!enabled) {
            throw ProblemException.notFound("There is nothing at this address.");
        }
        return Map.of("user", jwt.getSubject());
    }
}
