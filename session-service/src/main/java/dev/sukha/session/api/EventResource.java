package dev.sukha.session.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sukha.session.ingest.Ingest;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

import java.util.ArrayList;
import java.util.List;

@Path("/v1/events")
@Authenticated
@SecurityRequirement(name = "jwt")
public class EventResource {

    public static final int MAX_BATCH = 500;

    private final Ingest ingest;
    private final JsonWebToken jwt;

    public EventResource(Ingest ingest, JsonWebToken jwt) {
        this.ingest = ingest;
        this.jwt = jwt;
    }

    /** The answer: one result per event, in the request's order. */
    public record Results(List<Ingest.Result> results) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Record one event or a batch of up to 500, durably on Kafka, for the token's user")
    public Response record(JsonNode body) {
        List<JsonNode> events = new ArrayList<>();
        if (body == null || body.isMissingNode() || body.isNull()) {
            throw ProblemException.badRequest("Send one event object or an array of events.");
        } else if (body.isArray()) {
            body.forEach(events::add);
        } else if (body.isObject()) {
            events.add(body);
        } else {
            throw ProblemException.badRequest("Send one event object or an array of events.");
        }
        if (events.isEmpty()) {
            throw ProblemException.badRequest("The batch is empty: send at least one event.");
        }
        if (events.size() > MAX_BATCH) {
            throw new ProblemException(Problem.of(413, "too-many-events", "Payload Too Large",
                    "A batch holds at most " + MAX_BATCH + " events; this one has " + events.size()
                            + ". Split it; resending events is safe."));
        }
        return Response.accepted(new Results(ingest.record(jwt.getSubject(), events))).build();
    }
}
