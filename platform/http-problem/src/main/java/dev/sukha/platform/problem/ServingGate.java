package dev.sukha.platform.problem;

/**
 * Something a service must have done before it answers the API (a bean implementing this is found by
 * {@link ServingGates}): until then every {@code /v1/} request is answered 503 with {@code Retry-After},
 * and the service's readiness says why.
 */
public interface ServingGate {

    /** Why the service may not answer yet; null once it may. */
    String closedBecause();
}
