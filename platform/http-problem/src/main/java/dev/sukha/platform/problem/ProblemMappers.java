package dev.sukha.platform.problem;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.mongodb.MongoException;
import io.quarkus.logging.Log;
import io.quarkus.security.AuthenticationCompletionException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.apache.kafka.common.KafkaException;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.io.IOException;
import java.util.List;

/**
 * Turns every failure that is not a service's own into {@code application/problem+json}:
 * malformed input is a 4xx saying what is wrong and where; the store or the broker away is
 * a 503 with {@code Retry-After}; only a real fault of ours is a 500, and its details go
 * to the log, not to the caller. Services map their own domain exceptions beside these.
 */
public class ProblemMappers {

    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        return e.toResponse();
    }

    @ServerExceptionMapper
    public Response storeUnavailable(MongoException e) {
        Log.warn("Store unavailable", e);
        return Problem.unavailable("The store is not answering; nothing was changed. Retry the same request.").toResponse();
    }

    @ServerExceptionMapper
    public Response brokerUnavailable(KafkaException e) {
        Log.warn("Broker unavailable", e);
        return Problem.unavailable("The event broker is not answering; nothing was changed. Retry the same request.")
                .toResponse();
    }

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class,
            AuthenticationCompletionException.class})
    public Response unauthorized(RuntimeException e) {
        return Problem.of(401, "unauthorized", "Unauthorized",
                "A valid bearer token is required: send 'Authorization: Bearer <JWT>'.").toResponse();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return Problem.of(403, "forbidden", "Forbidden", "Your token does not allow this.").toResponse();
    }

    // Listed one by one: quarkus-rest-jackson has built-in mappers for the specific types.
    @ServerExceptionMapper({JsonProcessingException.class, JsonParseException.class, MismatchedInputException.class,
            InvalidFormatException.class, ValueInstantiationException.class})
    public Response json(JsonProcessingException e) {
        return malformed(e);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, jakarta.ws.rs.core.UriInfo uri) {
        // quarkus-rest wraps body-reading failures; report the JSON error itself.
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof JsonProcessingException json) {
                return malformed(json);
            }
        }
        int status = e.getResponse().getStatus();
        Response.StatusType type = e.getResponse().getStatusInfo();
        String detail = switch (status) {
            case 404 -> "There is nothing at /" + uri.getPath().replaceFirst("^/", "") + ".";
            case 405 -> "This address does not take that method.";
            case 406 -> "This address cannot answer in the media type you accept.";
            case 413 -> "The request body is too large.";
            case 415 -> "Send the body as application/json.";
            default -> type.getReasonPhrase();
        };
        if (status >= 500) {
            Log.error("Request failed", e);
        }
        return Problem.of(status, slug(type.getReasonPhrase()), type.getReasonPhrase(), detail).toResponse();
    }

    /** The client went away mid-request (closed the connection): there is no one to answer, and nothing of ours failed. */
    @ServerExceptionMapper
    public Response clientGone(IOException e) {
        Log.debugf("Client connection lost: %s", e.getMessage());
        return Problem.of(400, "connection", "Bad Request", "The connection was closed before the request was read.")
                .toResponse();
    }

    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 1000)
    public Response unexpected(Throwable e) {
        Log.error("Unexpected failure", e);
        return Problem.of(500, "internal", "Internal error",
                "Something went wrong on our side; it has been logged.").toResponse();
    }

    private static Response malformed(JsonProcessingException e) {
        String where = e instanceof JsonMappingException m ? path(m) : null;
        String what = e.getOriginalMessage() == null ? "unreadable JSON" : e.getOriginalMessage().lines().findFirst().orElse("");
        if (e.getLocation() != null) {
            what += " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
        }
        List<Problem.Error> errors = where == null ? null : List.of(new Problem.Error(where, what));
        return Problem.of(400, "malformed", "Malformed request body",
                "The body is not valid JSON of the expected shape: " + what, errors).toResponse();
    }

    /** A Jackson reference path as {@code steps[2].hold.breaths}. */
    static String path(JsonMappingException e) {
        StringBuilder out = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getIndex() >= 0) {
                out.append('[').append(ref.getIndex()).append(']');
            } else if (ref.getFieldName() != null) {
                if (!out.isEmpty()) {
                    out.append('.');
                }
                out.append(ref.getFieldName());
            }
        }
        return out.isEmpty() ? null : out.toString();
    }

    private static String slug(String phrase) {
        return phrase.toLowerCase().replaceAll("[^a-z0-9]+", "-");
    }
}
