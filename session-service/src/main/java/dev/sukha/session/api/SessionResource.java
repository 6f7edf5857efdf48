package dev.sukha.session.api;

import dev.sukha.session.domain.SessionState;
import dev.sukha.session.messaging.EventRecord;
import dev.sukha.session.store.SessionStore;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

import java.util.List;
import java.util.UUID;

@Path("/v1/sessions")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "jwt")
public class SessionResource {

    private final SessionStore sessions;
    private final JsonWebToken jwt;
    private final SecurityIdentity identity;

    public SessionResource(SessionStore sessions, JsonWebToken jwt, SecurityIdentity identity) {
        this.sessions = sessions;
        this.jwt = jwt;
        this.identity = identity;
    }

    /** A session as recorded. {@code end} is SESSION_COMPLETED, SESSION_ABANDONED or absent. */
    public record SessionView(String sessionId, String userId, String routineId, int routineVersion, int stepCount,
                              String zone, String startedAt, String end, String endedAt, List<String> eventIds) {
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "A session's state as recorded (its owner or an operator)")
    public SessionView get(@PathParam("id") String id) {
        UUID sessionId;
        try {
            sessionId = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("No session " + id + ".");
        }
        SessionState s = sessions.document(sessionId)
                .filter(SessionState::recorded)
                .filter(d -> d.owner().equals(jwt.getSubject()) || identity.hasRole("operator"))
                // Someone else's session answers exactly like one that does not exist.
                .orElseThrow(() -> ProblemException.notFound("No session " + id + "."));
        return new SessionView(s.sessionId().toString(), s.owner(), s.routineId(), s.routineVersion(), s.stepCount(),
                s.zone(), s.startedAt() == null ? null : EventRecord.RFC_3339.format(s.startedAt()), s.endType(),
                s.endedAt(), s.eventIds());
    }
}
