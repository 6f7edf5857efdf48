package dev.sukha.platform.problem;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Not ready while a {@link ServingGate} is closed, saying why: a service that may not answer is not sent traffic. */
@Readiness
@ApplicationScoped
public class ServingGatesReadiness implements HealthCheck {

    private final ServingGates gates;

    public ServingGatesReadiness(ServingGates gates) {
        this.gates = gates;
    }

    @Override
    public HealthCheckResponse call() {
        String why = gates.closedBecause();
        return HealthCheckResponse.named("serving-gates").status(why == null).withData("reason", why == null ? "open" : why).build();
    }
}
