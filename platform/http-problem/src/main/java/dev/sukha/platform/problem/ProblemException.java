package dev.sukha.platform.problem;

/** Thrown anywhere below the API to answer with a given problem. */
public class ProblemException extends RuntimeException {
    private final transient Problem problem;

    public ProblemException(Problem problem) {
        super(problem.detail(), null, false, false);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
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
