package dev.sukha.platform.problem;

/** Thrown anywhere below the API to answer with a given problem. */
public class ProblemException extends RuntimeException {
    private final transient Problem problem;
    private final transient java.util.Map<String, String> headers;

    public ProblemException(Problem problem) {
        this(problem, java.util.Map.of());
    }

    /** With headers of its own on the answer (a {@code Retry-After}, say). */
    public ProblemException(Problem problem, java.util.Map<String, String> headers) {
        super(problem.detail(), null, false, false);
        this.problem = problem;
        this.headers = java.util.Map.copyOf(headers);
    }

    public Problem problem() {
        return problem;
    }

    /** The answer: the problem document, with this exception's headers. */
    public jakarta.ws.rs.core.Response toResponse() {
        jakarta.ws.rs.core.Response.ResponseBuilder builder = jakarta.ws.rs.core.Response.fromResponse(problem.toResponse());
        headers.forEach(builder::header);
        return builder.build();
    }

    public static ProblemException notFound(String detail) {
        return new ProblemException(Problem.of(404, "not-found", "Not found", detail));
    }

    public static ProblemException badRequest(String detail) {
        return new ProblemException(Problem.of(400, "bad-request", "Bad request", detail));
    }

    /** 400 for query parameters, 422 for a body: every error by field. */
    public static ProblemException invalid(int status, String detail, java.util.List<Problem.Error> errors) {
        return new ProblemException(Problem.invalid(status, detail, errors));
    }

    public static ProblemException unavailable(String detail) {
        return new ProblemException(Problem.unavailable(detail));
    }
}
