package dev.sukha.platform.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;

/** An RFC 9457 problem document: every 4xx/5xx body of every service. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, List<Error> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final MediaType PROBLEM_JSON = MediaType.valueOf(MEDIA_TYPE);
    /** Where the problem types are described; the slug after it names the kind of problem. */
    public static final String TYPES = "https://sukha.dev/problems/";
    /** Seconds a client should wait before retrying after a 503: one value for every service. */
    public static final int RETRY_AFTER_SECONDS = 2;

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

    /** The most errors an answer lists: a request made of thousands of wrong fields gets a short answer. */
    public static final int MAX_ERRORS = 50;
    /** The longest field name an error repeats (a name is the client's text, of any length). */
    static final int MAX_FIELD = 64;

    /**
     * Input that breaks rules: the errors, by field (and index in a batch), the first {@link #MAX_ERRORS} of them;
     * the detail says how many there are in all when more were left out.
     */
    public static Problem invalid(int status, String detail, List<Error> errors) {
        List<Error> listed = errors.stream().limit(MAX_ERRORS).map(Problem::shortened).toList();
        String said = errors.size() > MAX_ERRORS
                ? detail + " (the first " + MAX_ERRORS + " of " + errors.size() + " problems are listed)" : detail;
        return of(status, "validation", "Invalid request", said, listed);
    }

    private static Error shortened(Error e) {
        return e.field() == null || e.field().length() <= MAX_FIELD ? e
                : new Error(e.index(), e.field().substring(0, MAX_FIELD) + "…", e.message());
    }

    /** 503 with {@code Retry-After}: nothing was done, and the same request may be sent again. */
    public static Problem unavailable(String detail) {
        return of(503, "unavailable", "Service Unavailable", detail);
    }

    public Response toResponse() {
        Response.ResponseBuilder builder = Response.status(status).type(PROBLEM_JSON).entity(this);
        if (status == 401) {
            builder.header("WWW-Authenticate", "Bearer");
        }
        if (status == 503) {
            builder.header("Retry-After", String.valueOf(RETRY_AFTER_SECONDS));
        }
        return builder.build();
    }
}
