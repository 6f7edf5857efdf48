package dev.sukha.platform.fairuse;

import dev.sukha.platform.problem.Problem;
import io.github.bucket4j.ConsumptionProbe;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import java.util.EnumMap;
import java.util.Map;

/**
 * Spends one request from the caller's budget before a {@link Budgeted} operation runs — so a flood
 * is refused before it costs a store or broker round trip — and answers 429 past it, with
 * {@code Retry-After} and the RateLimit headers (draft-ietf-httpapi-ratelimit-headers:
 * {@code RateLimit-Policy: "writes";q=100;w=5} and {@code RateLimit: "writes";r=0;t=1}). A refused
 * request did nothing: sent again later, it is answered as if it were the first. A refusal is sent
 * when the next request would be allowed (at most {@code refusal-delay-max} late), so a client
 * looping on 429s is paced to its budget rather than spending everyone's CPU on refusals. Anonymous
 * callers pass through to the operation's own 401.
 */
public class FairUseFilter {

    private static final String PROBE = FairUseFilter.class.getName() + ".probe";

    private final Budgets budgets;
    private final CurrentIdentityAssociation identities;
    private final Map<Budget, Counter> refused = new EnumMap<>(Budget.class);
    private final long delayMaxNanos;
    private final java.util.concurrent.Semaphore held;

    public FairUseFilter(Budgets budgets, CurrentIdentityAssociation identities, MeterRegistry registry, FairUseConfig config) {
        this.budgets = budgets;
        this.identities = identities;
        this.delayMaxNanos = config.refusalDelayMax().toNanos();
        this.held = new java.util.concurrent.Semaphore(config.refusalsHeldMax());
        registry.gauge("sukha_fair_use_refusals_held", held, h -> config.refusalsHeldMax() - h.availablePermits());
        for (Budget b : Budget.values()) {
            refused.put(b, Counter.builder("sukha_fair_use_refused").tag("budget", b.policy)
                    .description("Requests refused with 429: past their person's budget").register(registry));
        }
    }

    record Taken(Budget budget, ConsumptionProbe probe) {
    }

    @ServerRequestFilter
    @Budgeted(Budget.WRITES)
    public Uni<Response> spend(ContainerRequestContext request, ResourceInfo resource) {
        Budget budget = budgetOf(resource);
        if (budgets.shape(budget).unlimited()) {
            return Uni.createFrom().nullItem();
        }
        return identities.getDeferredIdentity().flatMap(identity -> {
            if (identity.isAnonymous()) {
                return Uni.createFrom().nullItem();
            }
            ConsumptionProbe probe = budgets.take(budget, person(identity));
            if (probe.isConsumed()) {
                request.setProperty(PROBE, new Taken(budget, probe));
                return Uni.createFrom().nullItem();
            }
            refused.get(budget).increment();
            return later(refusal(budget, probe), Math.min(probe.getNanosToWaitForRefill(), delayMaxNanos));
        });
    }

    /** The refusal, sent when the next request would be allowed (never holding more than the bound). */
    private Uni<Response> later(Response refusal, long nanos) {
        if (nanos <= 0 || !held.tryAcquire()) {
            return Uni.createFrom().item(refusal);
        }
        return Uni.createFrom().item(refusal).onItem().delayIt().by(java.time.Duration.ofNanos(nanos))
                .onTermination().invoke(held::release);
    }

    @ServerResponseFilter
    @Budgeted(Budget.WRITES)
    public void tell(ContainerRequestContext request, ContainerResponseContext response) {
        if (request.getProperty(PROBE) instanceof Taken taken) {
            headers(taken.budget(), taken.probe()).forEach((k, v) -> response.getHeaders().putSingle(k, v));
        }
    }

    private Response refusal(Budget budget, ConsumptionProbe probe) {
        Budgets.Shape shape = budgets.shape(budget);
        long wait = seconds(probe.getNanosToWaitForRefill());
        Problem problem = Problem.of(429, "too-many-requests", "Too Many Requests", "More than " + format(shape.perSecond())
                + " requests a second (bursts of " + shape.burst() + ") for your " + budget.policy + ". Nothing was done: "
                + "send the same request again in " + wait + (wait == 1 ? " second." : " seconds."));
        Response.ResponseBuilder builder = Response.fromResponse(problem.toResponse());
        builder.header("Retry-After", String.valueOf(wait));
        headers(budget, probe).forEach(builder::header);
        return builder.build();
    }

    private Map<String, String> headers(Budget budget, ConsumptionProbe probe) {
        Budgets.Shape shape = budgets.shape(budget);
        String name = "\"" + budget.policy + "\"";
        long remaining = probe.getRemainingTokens();
        // Until a refused caller may go on; for one that went on, until the bucket is full again.
        long reset = probe.isConsumed() ? (long) Math.ceil((shape.burst() - remaining) / shape.perSecond())
                : seconds(probe.getNanosToWaitForRefill());
        return Map.of("RateLimit-Policy", name + ";q=" + shape.burst() + ";w=" + shape.windowSeconds(),
                "RateLimit", name + ";r=" + remaining + ";t=" + reset);
    }

    private static Budget budgetOf(ResourceInfo resource) {
        Budgeted on = resource.getResourceMethod().getAnnotation(Budgeted.class);
        if (on == null) {
            on = resource.getResourceClass().getAnnotation(Budgeted.class);
        }
        return on.value();
    }

    /** The person: the token's subject, as every service knows them. */
    private static String person(SecurityIdentity identity) {
        return identity.getPrincipal() instanceof JsonWebToken jwt && jwt.getSubject() != null ? jwt.getSubject()
                : identity.getPrincipal().getName();
    }

    private static long seconds(long nanos) {
        return Math.max(1, (nanos + 999_999_999L) / 1_000_000_000L);
    }

    private static String format(double perSecond) {
        return perSecond == Math.rint(perSecond) ? String.valueOf((long) perSecond) : String.valueOf(perSecond);
    }
}
