package dev.sukha.platform.problem;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Answers, as problem+json, what never reaches a REST resource: an address that
 * matches nothing, and failures of the HTTP layer itself (a body over the size
 * limit, an unparseable request line).
 */
@Singleton
public class FallbackRoutes {

    private final ObjectMapper json;
    private final long maxBodyBytes;

    public FallbackRoutes(ObjectMapper json,
                          @ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBody) {
        this.json = json;
        this.maxBodyBytes = maxBody.asLongValue();
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).failureHandler(this::failure);
        // The HTTP layer would answer an oversized body with a bare 413; say it as a problem first.
        router.route().order(Integer.MIN_VALUE).handler(this::rejectOversized);
        router.route().last().handler(ctx -> write(ctx, Problem.of(404, "not-found", "Not Found",
                "There is nothing at " + ctx.normalizedPath() + ".")));
    }

    private void rejectOversized(RoutingContext ctx) {
        String length = ctx.request().getHeader("Content-Length");
        if (length != null) {
            try {
                if (Long.parseLong(length.trim()) > maxBodyBytes) {
                    ctx.request().pause();
                    write(ctx, Problem.of(413, "too-large", "Payload Too Large",
                            "The request body is larger than " + maxBodyBytes + " bytes."));
                    ctx.request().connection().close();
                    return;
                }
            } catch (NumberFormatException e) {
                write(ctx, Problem.of(400, "bad-request", "Bad Request", "The Content-Length header is not a number."));
                return;
            }
        }
        ctx.next();
    }

    private void failure(RoutingContext ctx) {
        int status = ctx.statusCode();
        if (status < 400 || ctx.response().ended() || ctx.response().headWritten()) {
            ctx.next();
            return;
        }
        String detail = status == 413 ? "The request body is too large." : "The request could not be handled.";
        write(ctx, Problem.of(status, status == 413 ? "too-large" : "http", status == 413 ? "Payload Too Large" : "Request failed", detail));
    }

    private void write(RoutingContext ctx, Problem problem) {
        HttpServerResponse response = ctx.response();
        if (response.ended()) {
            return;
        }
        try {
            response.setStatusCode(problem.status())
                    .putHeader("Content-Type", Problem.MEDIA_TYPE)
                    .end(json.writeValueAsString(problem));
        } catch (Exception e) {
            response.setStatusCode(problem.status()).end();
        }
    }
}
