package dev.sukha.insights.api;

import dev.sukha.insights.usecase.ChangeStreams;
import dev.sukha.platform.problem.Problem;
import dev.sukha.platform.problem.ProblemException;
import jakarta.annotation.security.RolesAllowed;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The signed-in person's stream of changes to their figures. */
@Path("/v1/me/changes")
@RolesAllowed("user")
@SecurityRequirement(name = "jwt")
@Tag(name = "me", description = "The signed-in person's own figures, in their own calendar.")
public class ChangesResource {

    private final ChangeStreams streams;
    private final JsonWebToken jwt;

    public ChangesResource(ChangeStreams streams, JsonWebToken jwt) {
        this.streams = streams;
        this.jwt = jwt;
    }

    @GET
    @Blocking
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(operationId = "streamMyChanges", summary = "Hear when my figures change",
            description = "A text/event-stream: `event: ready` first (its id where the stream starts), then `event: change` "
                    + "each time the person's figures may have changed — new events, a pause or goal, a rebuild, a new day "
                    + "in their zone — with `data: {\"changed\": [\"week\", \"streak\", ...], \"tags\": {figure: ETag of its "
                    + "plain read}}`; a comment line every 15 s; `event: erased` (their data was erased) or `event: expired` "
                    + "(the token ended) before it ends. Reconnect with `Last-Event-ID` (the last event's id): what changed "
                    + "meanwhile comes at once, however long ago, on any instance. At most 5 streams a person.")
    @APIResponse(responseCode = "200", description = "The stream.",
            content = @Content(mediaType = MediaType.SERVER_SENT_EVENTS, schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING)))
    @APIResponse(responseCode = "429", description = "This person already has as many streams open as they may: close one, "
            + "or try again after `Retry-After` seconds.")
    public Multi<OutboundSseEvent> changes(@Parameter(description = "The id of the last event received, to resume from it.")
                                           @HeaderParam("Last-Event-ID") String lastEventId, @Context Sse sse) {
        long expires = jwt.getExpirationTime() * 1000;
        Multi<ChangeStreams.Item> items;
        try {
            items = streams.open(jwt.getSubject(), expires, lastEventId);
        } catch (ChangeStreams.Full full) {
            throw full.perPerson
                    ? new ProblemException(Problem.of(429, "too-many-streams", "Too Many Requests", full.getMessage() + ": close one."),
                    java.util.Map.of("Retry-After", "15"))
                    : ProblemException.unavailable(full.getMessage() + ".");
        }
        return items.map(i -> i.comment() ? sse.newEventBuilder().comment(i.data()).build()
                : sse.newEventBuilder().id(i.id()).name(i.event()).data(i.data()).build());
    }
}
