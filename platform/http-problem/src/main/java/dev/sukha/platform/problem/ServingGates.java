package dev.sukha.platform.problem;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.ext.web.Router;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;

/**
 * Answers every {@code /v1/} request 503 (problem+json, {@code Retry-After}) while any {@link ServingGate}
 * of the service is closed — before authentication, before any resource or store is touched. A closed
 * gate is rare and short (a service catching up with what it must apply first), so the cost of asking is
 * one volatile read per request.
 */
@Singleton
public class ServingGates {

    private final Instance<ServingGate> gates;
    private final ObjectMapper json;

    public ServingGates(Instance<ServingGate> gates, ObjectMapper json) {
        this.gates = gates;
        this.json = json;
    }

    /** Why the service may not answer yet (the first closed gate's reason); null when every gate is open. */
    public String closedBecause() {
        for (ServingGate gate : gates) {
            String why = gate.closedBecause();
            if (why != null) {
                return why;
            }
        }
        return null;
    }

    void install(@Observes Router router) {
        router.route("/v1/*").order(Integer.MIN_VALUE + 1).handler(ctx -> {
            String why = closedBecause();
            if (why == null) {
                ctx.next();
                return;
            }
            Problem problem = Problem.unavailable(why);
            try {
                ctx.response().setStatusCode(503).putHeader("Content-Type", Problem.MEDIA_TYPE)
                        .putHeader("Retry-After", String.valueOf(Problem.RETRY_AFTER_SECONDS)).end(json.writeValueAsString(problem));
            } catch (Exception e) {
                ctx.response().setStatusCode(503).end();
            }
        });
    }
}
