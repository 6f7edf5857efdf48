package dev.sukha.platform.tokens;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.sukha.platform.problem.Problem;
import dev.sukha.platform.problem.ProblemWriter;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.Map;

/**
 * A budget of failed token verifications per client address. Checking a token's RSA signature is most of what
 * refusing it costs; a client that sends token after invalid token would buy that work by the thousand. Each
 * address may fail {@code failures-burst} times, refilled at {@code failures-per-second}; past that, a token this
 * service has not verified before is refused at once — 429 problem+json, {@code Retry-After} — before any
 * signature is looked at. A token verified before costs nothing to accept and passes whatever its address spent,
 * so a person behind the same address as a flood keeps working. The address is the client's as the HTTP layer
 * sees it: behind a proxy, configure Quarkus's forwarding ({@code quarkus.http.proxy.*}) so that it is the
 * client's, not the proxy's.
 */
@Singleton
public class FailedTokenBudget {

    /** Addresses whose budgets are kept at once (the least recently used go first). */
    static final long ADDRESSES = 100_000;

    private final VerifiedTokens tokens;
    private final double perSecond;
    private final long burst;
    private final Cache<String, Bucket> budgets;
    private final Counter refused;

    public FailedTokenBudget(VerifiedTokens tokens, VerifiedTokensConfig config, MeterRegistry metrics) {
        this.tokens = tokens;
        this.perSecond = config.failuresPerSecond();
        this.burst = config.failuresBurst();
        this.budgets = Caffeine.newBuilder().maximumSize(ADDRESSES).expireAfterAccess(Duration.ofMinutes(10)).build();
        this.refused = Counter.builder("sukha.tokens.refused.unverified")
                .description("Requests refused before their token was verified: their address had failed too often")
                .register(metrics);
    }

    void install(@Observes Router router) {
        if (perSecond <= 0) {
            return;
        }
        router.route().order(Integer.MIN_VALUE + 2).handler(this::check);
    }

    private void check(RoutingContext ctx) {
        String authorization = ctx.request().getHeader("Authorization");
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            ctx.next();
            return;
        }
        String token = authorization.substring(7).trim();
        if (tokens.known(token)) {
            ctx.next();
            return;
        }
        String address = ctx.request().remoteAddress() == null ? "" : ctx.request().remoteAddress().hostAddress();
        Bucket budget = budgets.get(address, a -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(burst).refillGreedy(Math.max(1, Math.round(perSecond * 60)), Duration.ofMinutes(1)).build())
                .build());
        if (budget.getAvailableTokens() <= 0) {
            refused.increment();
            long waitSeconds = Math.max(1, (long) Math.ceil(1 / perSecond));
            ProblemWriter.write(ctx, Problem.of(429, "too-many-failed-tokens", "Too Many Requests",
                    "Too many requests from this address carried a token that did not verify; wait before sending another."),
                    Map.of("Retry-After", String.valueOf(waitSeconds)));
            return;
        }
        // A refusal of this token (401) spends from the address's budget.
        ctx.addHeadersEndHandler(v -> {
            if (ctx.response().getStatusCode() == 401) {
                budget.tryConsume(1);
            }
        });
        ctx.next();
    }
}
