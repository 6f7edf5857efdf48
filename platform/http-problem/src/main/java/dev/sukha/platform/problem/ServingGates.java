package dev.sukha.platform.problem;

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

    public ServingGates(Instance<ServingGate> gates) {
        this.gates = gates;
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
            ProblemWriter.write(ctx, Problem.unavailable(why));
        });
    }
}
