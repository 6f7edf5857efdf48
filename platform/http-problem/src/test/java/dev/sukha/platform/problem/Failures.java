package dev.sukha.platform.problem;

import io.quarkus.security.Authenticated;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.io.IOException;
import java.util.List;

/** A resource that fails in every way a service can, for the error contract's tests. */
@Path("/fail")
@PermitAll
@Produces(MediaType.APPLICATION_JSON)
public class Failures {

    public record Hold(Integer breaths) {
    }

    public record Step(String pose, Hold hold) {
    }

    public record Draft(String id, List<Step> steps) {
    }

    @GET
    @Path("/{kind}")
    public String fail(@PathParam("kind") String kind) throws IOException {
        switch (kind) {
            case "problem" -> throw ProblemException.invalid(422, "Two things are wrong.",
                    List.of(new Problem.Error(3, "step", "out of range"), new Problem.Error(null, "zone", "unknown")));
            case "store" -> throw new com.mongodb.MongoTimeoutException("Timed out while waiting for a server");
            case "broker" -> throw new org.apache.kafka.common.errors.TimeoutException("Topic not present in metadata");
            case "gone" -> throw new IOException(new IOException("Connection was closed"));
            case "bug" -> throw new IllegalStateException("a secret detail that must not leak");
            default -> {
                return "{}";
            }
        }
    }

    @POST
    @Path("/draft")
    @Consumes(MediaType.APPLICATION_JSON)
    public Draft draft(Draft draft) {
        return draft;
    }

    @GET
    @Path("/mine")
    @Authenticated
    public String mine() {
        return "{}";
    }

    @GET
    @Path("/operators")
    @RolesAllowed("operator")
    public String operators() {
        return "{}";
    }
}
