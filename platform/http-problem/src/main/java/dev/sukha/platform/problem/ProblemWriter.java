package dev.sukha.platform.problem;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

import java.util.Map;

/** A problem written straight from a Vert.x route, before any REST resource (and its mappers) is reached. */
public final class ProblemWriter {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ProblemWriter() {
    }

    /** Ends the response with {@code problem} as problem+json, and {@code headers}; nothing if it has ended already. */
    public static void write(RoutingContext ctx, Problem problem, Map<String, String> headers) {
        HttpServerResponse response = ctx.response();
        if (response.ended()) {
            return;
        }
        headers.forEach(response::putHeader);
        if (problem.status() == 503 && !headers.containsKey("Retry-After")) {
            response.putHeader("Retry-After", String.valueOf(Problem.RETRY_AFTER_SECONDS));
        }
        try {
            response.setStatusCode(problem.status()).putHeader("Content-Type", Problem.MEDIA_TYPE).end(JSON.writeValueAsString(problem));
        } catch (Exception e) {
            response.setStatusCode(problem.status()).end();
        }
    }

    public static void write(RoutingContext ctx, Problem problem) {
        write(ctx, problem, Map.of());
    }
}
