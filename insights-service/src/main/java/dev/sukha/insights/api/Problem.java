package dev.sukha.insights.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;

/** An RFC 9457 problem document: every 4xx/5xx body of this service. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, List<Error> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final MediaType PROBLEM_JSON = MediaType.valueOf(MEDIA_TYPE);
    private static final String TYPES = "https://sukha.dev/problems/";

    /** One thing wrong, and where; {@code index} locates it in a batch. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Error(Integer index, String field, String message) {
        public Error(String field, String message) {
            this(null, field, message);
        }
    }

    public static Problem of(int status, String slug, String title, String detail) {
        return new Problem(TYPES + slug, title, status, detail, null);
    }

    public static Problem of(int status, String slug, String title, String detail, List<Error> errors) {
        return new Problem(TYPES + slug, title, status, detail, errors);
    }

    public static Problem invalid(int status, String detail, List<Error> errors) {
        return of(status, "validation", "Invalid request", detail, errors);
    }

    public Response toResponse() {
        Response.ResponseBuilder builder = Response.status(status).type(PROBLEM_JSON).entity(this);
        if (status == 401) {
            builder.header("WWW-Authenticate", "Bearer");
        }
        return builder.build();
    }
}
