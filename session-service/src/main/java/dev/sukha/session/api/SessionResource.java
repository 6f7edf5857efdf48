package dev.sukha.session.api;

import dev.sukha.platform.fairuse.Budget;
import dev.sukha.platform.fairuse.Budgeted;
import dev.sukha.platform.problem.ProblemException;
import dev.sukha.session.domain.SessionState;
import dev.sukha.session.messaging.EventRecord;
import dev.sukha.session.keys.PersonKeys;
import dev.sukha.session.messaging.AccessRecords;
import dev.sukha.session.store.SessionStore;
import jakarta.annotation.security.RolesAllowed;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

import java.util.List;
import java.util.UUID;

@Path("/v1/sessions")
@RolesAllowed({"user", "operator"})
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "jwt")
@Tag(name = "sessions", description = "Sessions as recorded.")
public class SessionResource {

    private final SessionStore sessions;
    private final PersonKeys keys;
    private final AccessRecords looks;
    private final JsonWebToken jwt;
    private final SecurityIdentity identity;

    public SessionResource(SessionStore sessions, PersonKeys keys, AccessRecords looks, JsonWebToken jwt, SecurityIdentity identity) {
        this.looks = looks;
        this.sessions = sessions;
        this.keys = keys;
        this.jwt = jwt;
        this.identity = identity;
    }

    /** A session as recorded. {@code end} is SESSION_COMPLETED, SESSION_ABANDONED or absent. */
    @Schema(name = "Session", description = "A session as recorded: whose, which routine version, when it started and ended, "
            + "and the ids of its recorded events.")
    public record SessionView(@Schema(format = "uuid") String sessionId, String userId, String routineId, int routineVersion,
                              int stepCount, @Schema(description = "IANA time zone") String zone,
                              @Schema(format = "date-time") String startedAt,
                              @Schema(description = "SESSION_COMPLETED or SESSION_ABANDONED; absent while it goes on.",
                                      enumeration = {"SESSION_COMPLETED", "SESSION_ABANDONED"}) String end,
                              @Schema(format = "date-time") String endedAt, List<String> eventIds) {
    }

    @GET
    @Budgeted(Budget.READS)
    @Path("/{id}")
    @Operation(operationId = "getSession", summary = "A session as recorded",
            description = "The session's state as recorded, for the person it belongs to or an operator. Anyone else gets "
                    + "404, as for a session that does not exist.")
    @APIResponse(responseCode = "200", description = "The session.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SessionView.class)))
    @APIResponse(responseCode = "404", description = "No such session, or not yours.")
    public SessionView get(@Parameter(description = "The session's id (a UUID).") @PathParam("id") String id) {
        UUID sessionId;
        try {
            sessionId = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("No session " + id + ".");
        }
        SessionState s = sessions.document(sessionId)
                .filter(d -> d.owner().equals(jwt.getSubject()) || identity.hasRole("operator"))
                // An operator's look at someone else's session is on their access log before it is served.
                .filter(d -> d.owner().equals(jwt.getSubject()) || recorded(d.owner()))
                // Opened with its owner's key: a session sealed under a key erased since is gone.
                .flatMap(d -> d.open(d.owner(), keys.valuesOf(d.owner())))
                .filter(SessionState::recorded)
                // Someone else's session answers exactly like one that does not exist.
                .orElseThrow(() -> ProblemException.notFound("No session " + id + "."));
        return new SessionView(s.sessionId().toString(), s.owner(), s.routineId(), s.routineVersion(), s.stepCount(),
                s.zone(), s.startedAt() == null ? null : EventRecord.RFC_3339.format(s.startedAt()), s.endType(),
                s.endedAt(), s.eventIds());
    }

    private boolean recorded(String owner) {
        try {
            looks.record(owner, jwt.getSubject(), "GET /v1/sessions/{id}");
            return true;
        } catch (RuntimeException e) {
            throw ProblemException.unavailable("The look could not be recorded in the person's access log; retry shortly.");
        }
    }
}
